package io.firstparty.segment.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.audience.service.AudienceService;
import io.firstparty.segment.membership.domain.Explanation;
import io.firstparty.segment.membership.domain.MembersPage;
import io.firstparty.segment.membership.service.ExplanationService;
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

/** Who is in a segment, and why. */
@Path("/v1/segments/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.ADMIN})
@Blocking
public class MembersResource {

    private final AudienceService audience;
    private final ExplanationService explanations;

    MembersResource(AudienceService audience, ExplanationService explanations) {
        this.audience = audience;
        this.explanations = explanations;
    }

    /** Listed members (consent allowing), in pages; pass the previous page's nextCursor for the next one. */
    @GET
    public MembersPage members(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                               @QueryParam("limit") Integer limit) throws SQLException {
        return audience.members(id, cursor, limit);
    }

    /** Why the person is or is not a member, condition by condition, with the consent verdict. */
    @GET
    @Path("/{profileId}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN, Roles.PRIVACY_OFFICER})
    public Explanation explain(@PathParam("id") UUID id, @PathParam("profileId") String profileId) throws SQLException {
        return explanations.explain(id, profileId);
    }
}
