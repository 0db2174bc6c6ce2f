package io.firstparty.kit.security;

/** Realm roles carried in access tokens; every management endpoint names the ones it admits. */
public final class Roles {

    /** Defines segments and reads their members. */
    public static final String MARKETER = "marketer";
    /** Runs notice campaigns, answers data-subject requests, proves consent. */
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Manages sources, write keys and forms. */
    public static final String ADMIN = "admin";
    /**
     * A brand's app back end (a client credential, not a person): reads a person's in-app notices and
     * records that they were displayed, and nothing else, so an app's credential opens no management endpoint.
     */
    public static final String BRAND_APP = "brand-app";

    private Roles() {
    }
}
