package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.FirstpartyException;

import java.util.List;

/** A body in an encoding or of a kind this endpoint does not read (415), named by the header or part at fault. */
public class UnsupportedContentException extends FirstpartyException {

    public UnsupportedContentException(String field, String rule) {
        super(field + ": " + rule, List.of(new Violation(field, rule)));
    }

    @Override
    public int status() {
        return 415;
    }

    @Override
    public String type() {
        return "unsupported-content";
    }

    @Override
    public String title() {
        return "The body's encoding or type is not accepted here";
    }
}
