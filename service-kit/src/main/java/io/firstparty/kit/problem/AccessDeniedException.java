package io.firstparty.kit.problem;

/** Authenticated, but not allowed to do this (a role, an origin or an event type it lacks). */
public class AccessDeniedException extends FirstpartyException {

    public AccessDeniedException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "forbidden";
    }

    @Override
    public String title() {
        return "Not allowed";
    }
}
