package io.firstparty.segment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "firstparty.segment")
public interface SegmentConfig {

    /** The brand's time zone: hour-of-day and day-of-week conditions, and days of the size history, are read in it. */
    @WithDefault("Europe/Paris")
    ZoneId timeZone();

    /** Fewest consenting members a segment needs before it can be exported, so that nobody is singled out. */
    @WithDefault("10")
    int minExportSize();

    /** Highest estimated cost a rule may have (see the README's "cost" section). */
    @WithDefault("5000")
    int maxRuleCost();

    /** Largest page of members. */
    @WithDefault("1000")
    int maxPageSize();

    /** Longest a backfill or preview query may run before it is stopped and reported. */
    @WithDefault("120s")
    Duration queryTimeout();

    /** How long the membership topic may take to acknowledge before publishing is retried. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How often recorded entries and exits are published to the membership topic. */
    @WithDefault("200ms")
    Duration publishInterval();

    /**
     * Longest an export waits for the local consent replica to apply every decision the consent
     * service had published when the export began; past it, the export is refused (503), never
     * served from older consent.
     */
    @WithDefault("3s")
    Duration consentCatchUp();

    /** How often sliding windows are checked for events that aged out. */
    @WithDefault("60s")
    Duration expiryInterval();

    Insights insights();

    /** What the insight figures count as an order and as a newsletter opt-in. */
    interface Insights {
        @WithDefault("Order Completed")
        String orderEvent();

        @WithDefault("revenue")
        String revenueProperty();

        @WithDefault("email_marketing")
        String newsletterPurpose();
    }
}
