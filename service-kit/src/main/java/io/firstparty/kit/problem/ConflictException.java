package io.firstparty.kit.problem;

public class ConflictException extends FirstpartyException {

    public ConflictException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "conflict";
    }

    @Override
    public String title() {
        return "The request conflicts with the current state";
    }
}
