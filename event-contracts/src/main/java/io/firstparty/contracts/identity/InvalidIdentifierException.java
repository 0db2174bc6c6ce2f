package io.firstparty.contracts.identity;

/** An identifier that cannot be normalised; the message names the rule it broke, never the value. */
public class InvalidIdentifierException extends IllegalArgumentException {

    private final IdentifierType type;
    private final String rule;

    public InvalidIdentifierException(IdentifierType type, String rule) {
        super(type.code() + " " + rule);
        this.type = type;
        this.rule = rule;
    }

    public IdentifierType type() {
        return type;
    }

    public String rule() {
        return rule;
    }
}
