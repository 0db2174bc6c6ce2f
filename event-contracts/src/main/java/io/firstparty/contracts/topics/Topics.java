package io.firstparty.contracts.topics;

import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.ErasureCompleted;
import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.contracts.events.EventRejected;
import io.firstparty.contracts.events.IdentifierSuppressed;
import io.firstparty.contracts.events.IdentityResolved;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.ProfileChange;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.events.SegmentMembershipChange;

import java.util.List;
import java.util.Optional;

/** Every topic the services exchange records on. Names are constants so they can be used in annotations. */
public final class Topics {

    public static final String EVENTS_ACCEPTED = "firstparty.events.accepted";
    public static final String EVENTS_FAILED = "firstparty.events.failed";
    public static final String IDENTITIES_RESOLVED = "firstparty.identities.resolved";
    public static final String PROFILE_CHANGES = "firstparty.profiles.changes";
    public static final String CONSENT_CHANGES = "firstparty.consent.changes";
    public static final String PRIVACY_SIGNALS = "firstparty.privacy.signals";
    public static final String IDENTIFIERS_SUPPRESSED = "firstparty.identifiers.suppressed";
    public static final String SEGMENT_MEMBERSHIP = "firstparty.segments.membership";
    public static final String CONSENT_PURPOSES = "firstparty.consent.purposes";
    public static final String ERASURE_REQUESTS = "firstparty.privacy.erasure-requests";
    public static final String ERASURE_REPORTS = "firstparty.privacy.erasure-reports";
    public static final String ACCESS_REQUESTS = "firstparty.privacy.access-requests";
    public static final String ACCESS_PARTS = "firstparty.privacy.access-parts";

    /** Partitions of the per-person topics: the most replicas of one consumer that share the work. */
    public static final int PERSON_PARTITIONS = 12;

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(EVENTS_ACCEPTED, PERSON_PARTITIONS, false, EventAccepted.class),
            new TopicSpec(EVENTS_FAILED, 3, false, EventRejected.class),
            new TopicSpec(IDENTITIES_RESOLVED, PERSON_PARTITIONS, false, IdentityResolved.class),
            new TopicSpec(PROFILE_CHANGES, PERSON_PARTITIONS, false, ProfileChange.class),
            new TopicSpec(CONSENT_CHANGES, PERSON_PARTITIONS, true, ConsentStateChanged.class),
            new TopicSpec(PRIVACY_SIGNALS, PERSON_PARTITIONS, false, ObjectionSignalled.class),
            new TopicSpec(IDENTIFIERS_SUPPRESSED, 3, true, IdentifierSuppressed.class),
            new TopicSpec(SEGMENT_MEMBERSHIP, PERSON_PARTITIONS, false, SegmentMembershipChange.class),
            new TopicSpec(CONSENT_PURPOSES, 1, true, PurposeDefined.class),
            new TopicSpec(ERASURE_REQUESTS, 3, false, ErasureRequested.class),
            new TopicSpec(ERASURE_REPORTS, 3, false, ErasureCompleted.class),
            new TopicSpec(ACCESS_REQUESTS, 3, false, AccessRequested.class),
            new TopicSpec(ACCESS_PARTS, 3, false, AccessPartDelivered.class));

    private Topics() {
    }

    public static Optional<TopicSpec> spec(String topic) {
        return ALL.stream().filter(spec -> spec.name().equals(topic)).findFirst();
    }
}
