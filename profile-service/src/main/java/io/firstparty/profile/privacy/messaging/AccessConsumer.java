package io.firstparty.profile.privacy.messaging;

import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.profile.privacy.service.AccessService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Access and portability requests from the consent service; each is answered with the profile service's part. */
@ApplicationScoped
public class AccessConsumer {

    private final AccessService access;

    AccessConsumer(AccessService access) {
        this.access = access;
    }

    @Incoming("access-requests")
    @Blocking
    void deliver(AccessRequested request) {
        if (request != null) {
            access.deliver(request);
        }
    }
}
