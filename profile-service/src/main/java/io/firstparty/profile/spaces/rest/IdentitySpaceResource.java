package io.firstparty.profile.spaces.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.profile.spaces.domain.BrandLink;
import io.firstparty.profile.spaces.domain.NewSpace;
import io.firstparty.profile.spaces.domain.SpaceView;
import io.firstparty.profile.spaces.service.IdentitySpaces;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * Shared identity spaces. Each brand resolves identities on its own; brands linked into a shared
 * space link their customers' identifiers together. A link waits (pending) until an admin starts a
 * re-resolution job ({@code POST /v1/resolution-jobs}), which applies it to existing profiles.
 */
@Path("/v1/identity-spaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IdentitySpaceResource {

    private final IdentitySpaces spaces;

    IdentitySpaceResource(IdentitySpaces spaces) {
        this.spaces = spaces;
    }

    @GET
    public List<SpaceView> list() {
        return spaces.list();
    }

    @POST
    public Response create(@Valid @NotNull NewSpace request) {
        SpaceView created = spaces.create(request);
        return Response.created(URI.create("/v1/identity-spaces/" + created.name())).entity(created).build();
    }

    @GET
    @Path("/{name}")
    public SpaceView get(@PathParam("name") String name) {
        return spaces.get(name);
    }

    /** Links one more brand into the space (pending until the next re-resolution job). */
    @POST
    @Path("/{name}/brands")
    public SpaceView addBrand(@PathParam("name") String name, @Valid @NotNull BrandLink link) {
        return spaces.addBrand(name, link.brand());
    }
}
