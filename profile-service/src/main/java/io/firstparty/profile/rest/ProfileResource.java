package io.firstparty.profile.rest;

import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.domain.Profile;
import io.firstparty.profile.service.ProfileLookup;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.UUID;

@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class ProfileResource {

    private final ProfileLookup lookup;
    private final IdentifierNormalizer normalizer;

    ProfileResource(ProfileLookup lookup, IdentifierNormalizer normalizer) {
        this.lookup = lookup;
        this.normalizer = normalizer;
    }

    /** Finds the profile an identifier belongs to, normalised as at ingestion. */
    @GET
    public Profile byIdentifier(@QueryParam("identifier") String identifier) throws SQLException {
        return lookup.byIdentifier(IdentifierParameter.parse("identifier", identifier, normalizer));
    }

    @GET
    @Path("/{id}")
    public Profile byId(@PathParam("id") UUID id) throws SQLException {
        return lookup.byId(id);
    }
}
