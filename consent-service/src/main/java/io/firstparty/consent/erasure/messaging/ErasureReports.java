package io.firstparty.consent.erasure.messaging;

import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.events.ProfileErased;
import io.firstparty.contracts.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * What the consent service says once it erased a person: every erased identifier's hash on the
 * suppression list (so later events do not re-create them) and its own part of the completeness
 * report. A redelivered erasure publishes the same keys again, which changes nothing downstream.
 */
@ApplicationScoped
public class ErasureReports {

    static final String SERVICE = "consent-service";

    private final RecordPublisher publisher;

    ErasureReports(RecordPublisher publisher) {
        this.publisher = publisher;
    }

    public void erased(ProfileErased erased, List<String> chains, long itemsErased) {
        Instant now = Instant.now();
        for (String hash : erased.identifierHashes()) {
            // The erased identifiers are known only by their hashes here, so their type stays unnamed.
            publisher.publish(Topics.IDENTIFIERS_SUPPRESSED, new IdentifierSuppressed(
                    IdentifierSuppressed.CURRENT_VERSION, hash, null, erased.erasureRequestId(), now));
        }
        publisher.publish(Topics.ERASURE_REPORTS, new ErasureCompleted(ErasureCompleted.CURRENT_VERSION,
                erased.erasureRequestId(), SERVICE, chains, itemsErased,
                itemsErased > 0 ? ErasureCompleted.ERASED : ErasureCompleted.NOTHING_HELD, null, now));
    }
}
