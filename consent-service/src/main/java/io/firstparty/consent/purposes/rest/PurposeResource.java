package io.firstparty.consent.purposes.rest;

import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/v1/purposes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class PurposeResource {

    private final PurposeService purposes;

    PurposeResource(PurposeService purposes) {
        this.purposes = purposes;
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    public List<PurposeView> list() {
        return purposes.list();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    public PurposeView get(@PathParam("code") String code) {
        return purposes.view(code);
    }

    @POST
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public Response create(PurposeRequest request) {
        PurposeView created = purposes.create(request);
        return Response.created(URI.create("/v1/purposes/" + created.code())).entity(created).build();
    }

    /** Replaces the purpose's definition; its version rises when the text shown to people changes. */
    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public PurposeView update(@PathParam("code") String code, PurposeRequest request) {
        return purposes.update(code, request);
    }
}
