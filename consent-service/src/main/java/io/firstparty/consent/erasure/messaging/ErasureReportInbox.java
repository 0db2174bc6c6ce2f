package io.firstparty.consent.erasure.messaging;

import io.firstparty.consent.erasure.service.ErasureRequests;
import io.firstparty.contracts.events.ErasureCompleted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service's report on an erasure, gathered into the request's completeness report. */
@ApplicationScoped
public class ErasureReportInbox {

    private final ErasureRequests requests;

    ErasureReportInbox(ErasureRequests requests) {
        this.requests = requests;
    }

    @Incoming("erasure-reports")
    @Blocking
    void onReport(ErasureCompleted completed) {
        if (completed != null) {
            requests.onReport(completed);
        }
    }
}
