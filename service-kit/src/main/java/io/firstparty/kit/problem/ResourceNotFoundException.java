package io.firstparty.kit.problem;

public class ResourceNotFoundException extends FirstpartyException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return "not-found";
    }

    @Override
    public String title() {
        return "No such resource";
    }
}
