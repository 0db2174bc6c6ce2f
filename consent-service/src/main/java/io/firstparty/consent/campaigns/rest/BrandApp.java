package io.firstparty.consent.campaigns.rest;

/**
 * The realm role of a brand's app back end (a client credential, not a person): it reads a person's
 * in-app notices and records that they were displayed, and nothing else. Marketers and privacy
 * officers do not hold it, so an app's credential opens no management endpoint.
 */
public final class BrandApp {

    public static final String ROLE = "brand-app";

    private BrandApp() {
    }
}
