package io.firstparty.consent.access.rest;

import io.firstparty.consent.access.service.AccessRequests;
import io.firstparty.consent.requests.rest.TrackedRequestResource;
import io.firstparty.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Access and portability requests (GDPR Art. 15 and 20), what each service delivered, and the archive. */
@Path("/v1/access-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class AccessRequestResource extends TrackedRequestResource<AccessRequestBody, AccessStatus> {

    private final AccessRequests requests;

    AccessRequestResource(AccessRequests requests, SecurityIdentity caller) {
        super(requests, caller);
        this.requests = requests;
    }

    /** 202: every service is asked again; each new delivery replaces the service's earlier one. */
    @POST
    @Path("/{id}/run")
    public Response rerun(@PathParam("id") String id) {
        return Response.accepted(requests.rerun(id)).build();
    }

    /** The archive as one JSON document; 409 while a service has not delivered. */
    @GET
    @Path("/{id}/archive")
    public Response archive(@PathParam("id") String id) {
        return Response.ok(requests.archive(id), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"access-" + id.replaceAll("[^A-Za-z0-9-]", "")
                        + ".json\"")
                .build();
    }
}
