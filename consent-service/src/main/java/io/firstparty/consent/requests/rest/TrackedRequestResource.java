package io.firstparty.consent.requests.rest;

import io.firstparty.consent.requests.domain.RequestProgress;
import io.firstparty.consent.requests.service.TrackedRequests;
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

/**
 * The endpoints every kind of tracked request has below its own path: status, extension, overdue.
 * Annotated here as well, since an inherited endpoint is checked against the class declaring it.
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public abstract class TrackedRequestResource<B, S extends RequestProgress> {

    private final TrackedRequests<?, B, S> requests;
    private final SecurityIdentity caller;

    protected TrackedRequestResource(TrackedRequests<?, B, S> requests, SecurityIdentity caller) {
        this.requests = requests;
        this.caller = caller;
    }

    /** 202: the request is published; its status fills in as services answer. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(B body) {
        return Response.accepted(requests.submit(body, caller.getPrincipal().getName())).build();
    }

    /** Requests past their deadline that are not complete. */
    @GET
    @Path("/overdue")
    public List<S> overdue() {
        return requests.overdue();
    }

    @GET
    @Path("/{id}")
    public S status(@PathParam("id") String id) {
        return requests.status(id);
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    public S extend(@PathParam("id") String id, ExtensionBody body) {
        return requests.extend(id, body == null ? null : body.reason());
    }
}
