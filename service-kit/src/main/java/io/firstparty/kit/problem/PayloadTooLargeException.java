package io.firstparty.kit.problem;

import io.firstparty.contracts.events.Violation;

import java.util.List;

public class PayloadTooLargeException extends FirstpartyException {

    public PayloadTooLargeException(String field, String rule) {
        super(field + ": " + rule, List.of(new Violation(field, rule)));
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String type() {
        return "payload-too-large";
    }

    @Override
    public String title() {
        return "The request is too large";
    }
}
