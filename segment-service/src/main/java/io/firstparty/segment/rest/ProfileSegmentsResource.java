package io.firstparty.segment.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.audience.domain.ProfileSegment;
import io.firstparty.segment.audience.service.AudienceService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

@Path("/v1/profiles/{profileId}/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.ADMIN, Roles.PRIVACY_OFFICER})
@Blocking
public class ProfileSegmentsResource {

    private final AudienceService audience;
    private final SecurityIdentity caller;

    ProfileSegmentsResource(AudienceService audience, SecurityIdentity caller) {
        this.audience = audience;
        this.caller = caller;
    }

    /** The segments the person is listed in; privacy officers also see memberships consent holds back. */
    @GET
    public List<ProfileSegment> ofProfile(@PathParam("profileId") String profileId) throws SQLException {
        return audience.ofProfile(profileId, caller.hasRole(Roles.PRIVACY_OFFICER));
    }
}
