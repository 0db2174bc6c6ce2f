package io.firstparty.consent.erasure.rest;

import io.firstparty.consent.erasure.service.ErasureRequests;
import io.firstparty.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Erasure requests and their per-service completeness report. */
@Path("/v1/erasure-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class ErasureRequestResource {

    private final ErasureRequests requests;
    private final SecurityIdentity caller;

    ErasureRequestResource(ErasureRequests requests, SecurityIdentity caller) {
        this.requests = requests;
        this.caller = caller;
    }

    /** 202: the request is published; its report fills in as services confirm. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(ErasureRequestBody body) {
        return Response.accepted(requests.submit(body, caller.getPrincipal().getName())).build();
    }

    /** Requests past their deadline that are not complete. */
    @GET
    @Path("/overdue")
    public List<ErasureStatus> overdue() {
        return requests.overdue();
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    public ErasureStatus extend(@PathParam("id") String id, ExtensionRequest body) {
        return requests.extend(id, body == null ? null : body.reason());
    }

    @GET
    @Path("/{id}")
    public ErasureStatus status(@PathParam("id") String id) {
        return requests.status(id);
    }
}
