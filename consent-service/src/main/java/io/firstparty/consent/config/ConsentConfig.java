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

    Access access();

    PersonRequests personRequests();

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

        /**
         * Most e-mails one replica sends a second, to stay within the SMTP provider's limits; the default
         * suits a relay of the brand's own (a provider's quota per second, divided by the replicas, is
         * what to set in front of a provider).
         */
        @WithDefault("500")
        double messagesPerSecond();

        /**
         * Most e-mails one replica has with the SMTP server at once (also bounded by the mailer's
         * connection pool, {@code quarkus.mailer.max-pool-size}).
         */
        @WithDefault("16")
        int sendConcurrency();

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

    interface Access {

        /** The services that must deliver their part before an access or portability request is complete. */
        @WithDefault("profile-service,segment-service,consent-service,ingestion-service")
        List<String> services();
    }

    interface PersonRequests {

        /** Key that signs the links of requests people make themselves; deployments set FIRSTPARTY_PERSON_REQUEST_SECRET. */
        String secret();

        /** How long the link confirming a request stays usable. */
        @WithDefault("P1D")
        Duration confirmValidity();

        /** How long the link to download an access archive stays usable. */
        @WithDefault("P7D")
        Duration archiveValidity();

        /** Most requests one address may be sent a link for in an hour. */
        @WithDefault("3")
        int perAddressPerHour();

        /** Most requests one client (network address) may make in an hour. */
        @WithDefault("20")
        int perClientPerHour();

        /** Largest request body accepted, in bytes. */
        @WithDefault("2048")
        int maxBody();

        /** How often complete access requests' archive links are e-mailed ({@code off} to never). */
        @WithDefault("30s")
        String deliverEvery();
    }

    interface Objection {

        /** Key that signs personal objection links; deployments set FIRSTPARTY_OBJECTION_SECRET. */
        String secret();

        /** How long a personal objection link stays usable. */
        @WithDefault("P90D")
        Duration linkValidity();

        /** How long the link sent to an address that asked to object by e-mail stays usable. */
        @WithDefault("PT48H")
        Duration confirmationValidity();

        /** Requests one client address may make a minute to the public objection pages (burst as large). */
        @WithDefault("60")
        int requestsPerMinute();

        /** Confirmation e-mails one client address may ask for a minute. */
        @WithDefault("5")
        int confirmationsPerMinute();

        /** Confirmation e-mails one address may receive a day, whoever asks: more are silently not sent. */
        @WithDefault("5")
        int confirmationsPerAddressPerDay();

        /** Most objections one import may carry. */
        @WithDefault("1000")
        int maxImport();
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
