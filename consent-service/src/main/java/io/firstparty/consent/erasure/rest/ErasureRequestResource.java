package io.firstparty.consent.erasure.rest;

import io.firstparty.consent.erasure.service.ErasureRequests;
import io.firstparty.consent.requests.rest.TrackedRequestResource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;

/** Erasure requests and their per-service completeness report. */
@Path("/v1/erasure-requests")
public class ErasureRequestResource extends TrackedRequestResource<ErasureRequestBody, ErasureStatus> {

    ErasureRequestResource(ErasureRequests requests, SecurityIdentity caller) {
        super(requests, caller);
    }
}
