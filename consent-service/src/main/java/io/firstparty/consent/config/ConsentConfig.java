package io.firstparty.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "firstparty.consent")
public interface ConsentConfig {

    /** SDK consent categories that are not purpose codes, to the purpose they stand for. */
    Map<String, String> categories();

    /** How far ahead of our clock a stated time may be before it counts as in the future. */
    @WithDefault("PT5M")
    Duration clockSkew();

    /** Most people one batch check may ask about. */
    @WithDefault("10000")
    int maxBatchCheck();

    /** How long publishing a consent state may wait for Kafka before the change is refused. */
    @WithDefault("10s")
    Duration publishTimeout();

    Expiry expiry();

    Objection objection();

    Erasure erasure();

    Campaigns campaigns();

    interface Campaigns {

        /** The shortest notice period: processing may start this long after a campaign starts, not sooner. */
        @WithDefault("P30D")
        Duration minNotice();

        /** Who decides on the processing (GDPR Art. 4(7)), as objection receipts name them. */
        @WithDefault("the brand")
        String controller();

        /** Where people reach the service's public pages: the objection links in notices start with it. */
        @WithDefault("http://localhost:8084")
        String publicUrl();

        /** How often each replica looks for notices to send ({@code off} to never). */
        @WithDefault("5s")
        String sendEvery();

        /** Most e-mails one replica sends a second. */
        @WithDefault("10")
        double messagesPerSecond();

        /** How many deliveries a replica claims at a time. */
        @WithDefault("20")
        int batchSize();

        /** How long a claim holds: a replica that dies holding one leaves it to others after this. */
        @WithDefault("PT2M")
        Duration claimLease();

        /** Longest wait for the SMTP server to take one e-mail; past it the e-mail counts as failed. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** How long after a failed e-mail it is tried again. */
        @WithDefault("PT10M")
        Duration retryAfter();

        /** Attempts before an e-mail is given up (the person may still be reminded or reached in-app). */
        @WithDefault("5")
        int maxAttempts();

        /** How long after a campaign starts a person reached by no channel gets one reminder. */
        @WithDefault("P14D")
        Duration reminderAfter();

        /** How often the reminder job runs (on one replica at a time; {@code off} to never). */
        @WithDefault("1h")
        String reminderEvery();
    }

    interface Erasure {

        /** The services that must report before an erasure request is complete. */
        @WithDefault("profile-service,segment-service,consent-service")
        List<String> services();
    }

    interface Objection {

        /** Key that signs personal objection links; deployments set FIRSTPARTY_OBJECTION_SECRET. */
        String secret();

        /** How long a personal objection link stays usable. */
        @WithDefault("P90D")
        Duration linkValidity();
    }

    interface Expiry {

        /** How often the expiry job runs (on one replica at a time). */
        @WithDefault("60s")
        String every();

        /** How long one replica holds the job once it took it. */
        @WithDefault("PT50S")
        Duration lease();

        /** Grants expiring within this window are listed as due for renewal. */
        @WithDefault("P30D")
        Duration renewalNotice();
    }
}
