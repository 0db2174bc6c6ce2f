package io.firstparty.consent.objectionrequests.rest;

import io.firstparty.consent.objectionrequests.service.ObjectionRequests;
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

/** Objection requests (GDPR Art. 21) filed by a privacy officer: recorded in the ledger and complete at once. */
@Path("/v1/objection-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class ObjectionRequestResource {

    private final ObjectionRequests requests;
    private final SecurityIdentity caller;

    ObjectionRequestResource(ObjectionRequests requests, SecurityIdentity caller) {
        this.requests = requests;
        this.caller = caller;
    }

    /** 201: the objections are in the ledger and the person's state is published. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(ObjectionRequestBody body) {
        return Response.status(Response.Status.CREATED)
                .entity(requests.submit(body, caller.getPrincipal().getName())).build();
    }

    @GET
    @Path("/{id}")
    public ObjectionRequestStatus status(@PathParam("id") String id) {
        return requests.status(id);
    }
}
