package io.firstparty.consent.access.rest;

import io.firstparty.consent.access.service.AccessRequests;
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

/** Access and portability requests (GDPR Art. 15 and 20), what each service delivered, and the archive. */
@Path("/v1/access-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class AccessRequestResource {

    private final AccessRequests requests;
    private final SecurityIdentity caller;

    AccessRequestResource(AccessRequests requests, SecurityIdentity caller) {
        this.requests = requests;
        this.caller = caller;
    }

    /** 202: the request is published; its parts fill in as services deliver. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(AccessRequestBody body) {
        return Response.accepted(requests.submit(body, caller.getPrincipal().getName())).build();
    }

    /** Requests past their deadline that are not complete. */
    @GET
    @Path("/overdue")
    public List<AccessStatus> overdue() {
        return requests.overdue();
    }

    @GET
    @Path("/{id}")
    public AccessStatus status(@PathParam("id") String id) {
        return requests.status(id);
    }

    /** 202: every service is asked again; each new delivery replaces the service's earlier one. */
    @POST
    @Path("/{id}/run")
    public Response rerun(@PathParam("id") String id) {
        return Response.accepted(requests.rerun(id)).build();
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessStatus extend(@PathParam("id") String id, ExtensionBody body) {
        return requests.extend(id, body == null ? null : body.reason());
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
