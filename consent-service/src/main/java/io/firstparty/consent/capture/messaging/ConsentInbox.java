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

/**
 * The topics consent is captured from. Each record is handled in its own transaction, in the order
 * of its partition; handling one twice changes nothing (records are keyed by their evidence).
 */
@ApplicationScoped
public class ConsentInbox {

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
    void onResolved(IdentityResolved resolved) {
        if (resolved != null) {
            events.onResolved(resolved);
        }
    }

    @Incoming("privacy-signals")
    @Blocking
    void onSignal(ObjectionSignalled signal) {
        if (signal != null) {
            signals.onSignal(signal);
        }
    }

    @Incoming("profile-changes")
    @Blocking
    void onProfileChange(ProfileChange change) {
        // Trait changes and removed identifiers do not touch consent.
        if (change instanceof ProfileMerged merged) {
            profiles.onMerged(merged);
        } else if (change instanceof ProfileUnmerged unmerged) {
            profiles.onUnmerged(unmerged);
        } else if (change instanceof ProfileErased erased) {
            profiles.onErased(erased);
        }
    }
}
