package io.firstparty.consent.objection.rest;

import io.firstparty.consent.objection.service.ObjectionLinks;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A person's personal objection link, for a privacy officer to send through any channel. */
@Path("/v1/people/{profileId}/objection-links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class ObjectionLinkResource {

    private final ObjectionLinks links;

    ObjectionLinkResource(ObjectionLinks links) {
        this.links = links;
    }

    @POST
    public Response issue(@PathParam("profileId") String profileId, ObjectionLinkRequest request) {
        return Response.status(Response.Status.CREATED).entity(links.issue(profileId, request)).build();
    }
}
