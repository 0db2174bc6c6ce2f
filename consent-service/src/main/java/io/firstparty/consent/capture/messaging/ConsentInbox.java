package io.firstparty.consent.capture.messaging;

import io.firstparty.consent.capture.service.EventCapture;
import io.firstparty.consent.capture.service.ProfileChanges;
import io.firstparty.consent.capture.service.SignalCapture;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.ProfileChange;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.events.ProfileMerged;
import io.firstparty.contracts.events.ProfileUnmerged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The topics consent is captured from. Each record is handled in its own transaction, in the order
 * of its partition; handling one twice changes nothing (records are keyed by their evidence). A
 * record that fails (Kafka or the database briefly away) is retried in place, so later records of the
 * partition wait rather than overtake it; one that keeps failing stops the channel and readiness.
 */
@ApplicationScoped
public class ConsentInbox {

    private static final Logger LOG = Logger.getLogger(ConsentInbox.class);
    /** 1 + 2 + 4 + 8 s of waiting before a record stops its channel. */
    private static final int ATTEMPTS = 5;

    private final EventCapture events;
    private final SignalCapture signals;
    private final ProfileChanges profiles;

    ConsentInbox(EventCapture events, SignalCapture signals, ProfileChanges profiles) {
        this.events = events;
        this.signals = signals;
        this.profiles = profiles;
    }

    @Incoming("identities-resolved")
    @Blocking
    void onResolved(IdentityResolved resolved) throws InterruptedException {
        if (resolved != null) {
            withRetries("identities-resolved", () -> events.onResolved(resolved));
        }
    }

    @Incoming("privacy-signals")
    @Blocking
    void onSignal(ObjectionSignalled signal) throws InterruptedException {
        if (signal != null) {
            withRetries("privacy-signals", () -> signals.onSignal(signal));
        }
    }

    @Incoming("profile-changes")
    @Blocking
    void onProfileChange(ProfileChange change) throws InterruptedException {
        // Trait changes and removed identifiers do not touch consent.
        if (change instanceof ProfileMerged merged) {
            withRetries("profile-changes", () -> profiles.onMerged(merged));
        } else if (change instanceof ProfileUnmerged unmerged) {
            withRetries("profile-changes", () -> profiles.onUnmerged(unmerged));
        } else if (change instanceof ProfileErased erased) {
            withRetries("profile-changes", () -> profiles.onErased(erased));
        }
    }

    private static void withRetries(String channel, Runnable handler) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("%s: a record failed (attempt %d of %d), retrying: %s", channel, attempt, ATTEMPTS, e.getMessage());
                Thread.sleep(1000L << (attempt - 1));
            }
        }
    }
}
