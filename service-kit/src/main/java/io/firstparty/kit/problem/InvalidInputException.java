package io.firstparty.kit.problem;

import io.firstparty.contracts.events.Violation;

import java.util.List;

/** The request broke one or more rules; each violation names the field and the rule. */
public class InvalidInputException extends FirstpartyException {

    public InvalidInputException(List<Violation> violations) {
        super(violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).rule()
                : violations.size() + " fields break their rules", violations);
    }

    public InvalidInputException(String field, String rule) {
        this(List.of(new Violation(field, rule)));
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid-input";
    }

    @Override
    public String title() {
        return "The request is not valid";
    }
}
