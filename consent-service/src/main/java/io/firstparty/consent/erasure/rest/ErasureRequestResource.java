package io.firstparty.consent.erasure.rest;

import io.firstparty.consent.erasure.service.ErasureRequests;
import io.firstparty.consent.requests.rest.TrackedRequestResource;
import io.firstparty.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Erasure requests and their per-service completeness report. */
@Path("/v1/erasure-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class ErasureRequestResource extends TrackedRequestResource<ErasureRequestBody, ErasureStatus> {

    ErasureRequestResource(ErasureRequests requests, SecurityIdentity caller) {
        super(requests, caller);
    }
}
