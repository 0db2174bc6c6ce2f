package io.firstparty.profile.privacy.messaging;

import io.firstparty.contracts.events.ErasureRequested;
import io.firstparty.profile.privacy.service.ErasureService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;

/** Erasure commands from the consent service; each is answered once with an {@code ErasureCompleted}. */
@ApplicationScoped
public class ErasureConsumer {

    private final ErasureService erasure;

    ErasureConsumer(ErasureService erasure) {
        this.erasure = erasure;
    }

    @Incoming("erasure-requests")
    @Blocking
    void erase(ErasureRequested request) throws SQLException {
        if (request != null) {
            erasure.erase(request);
        }
    }
}
