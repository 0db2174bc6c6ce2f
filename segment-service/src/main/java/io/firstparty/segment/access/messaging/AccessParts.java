package io.firstparty.segment.access.messaging;

import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.segment.access.service.AccessPartService;
import io.firstparty.segment.config.StartupGate;
import io.firstparty.segment.membership.messaging.RecordPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers access requests once the profile service has resolved them: the first chunk of each of its
 * deliveries names the person's profiles, and the segment service delivers its own part for them.
 * A failed profile part is not answered: the request is re-run after the failure is fixed.
 */
@ApplicationScoped
public class AccessParts {

    private static final String PROFILE_SERVICE = "profile-service";

    private final AccessPartService parts;
    private final RecordPublisher publisher;
    private final StartupGate gate;

    AccessParts(AccessPartService parts, RecordPublisher publisher, StartupGate gate) {
        this.parts = parts;
        this.publisher = publisher;
        this.gate = gate;
    }

    @Incoming("access-parts")
    @Blocking
    void onPart(AccessPartDelivered part) throws Exception {
        if (part == null || !PROFILE_SERVICE.equals(part.service()) || part.chunk() != 0
                || AccessPartDelivered.FAILED.equals(part.outcome())) {
            return;
        }
        gate.await();
        publisher.publish(Topics.ACCESS_PARTS, parts.part(part.requestId(), part.profileIds()));
    }
}
