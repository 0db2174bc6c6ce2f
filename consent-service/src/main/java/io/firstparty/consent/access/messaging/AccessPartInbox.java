package io.firstparty.consent.access.messaging;

import io.firstparty.consent.access.service.AccessRequests;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service's part of an access request, chunk by chunk, gathered into the request's archive. */
@ApplicationScoped
public class AccessPartInbox {

    private final AccessRequests requests;

    AccessPartInbox(AccessRequests requests) {
        this.requests = requests;
    }

    @Incoming("access-parts")
    @Blocking
    void onPart(AccessPartDelivered chunk) {
        if (chunk != null) {
            requests.onChunk(chunk);
        }
    }
}
