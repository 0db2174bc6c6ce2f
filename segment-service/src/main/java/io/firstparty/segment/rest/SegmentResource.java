package io.firstparty.segment.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.kit.security.Roles;
import io.firstparty.segment.audience.domain.Insights;
import io.firstparty.segment.audience.service.AudienceService;
import io.firstparty.segment.membership.domain.DailySize;
import io.firstparty.segment.segments.domain.Approval;
import io.firstparty.segment.segments.domain.Preview;
import io.firstparty.segment.segments.domain.Saved;
import io.firstparty.segment.segments.domain.SegmentRequest;
import io.firstparty.segment.segments.domain.SegmentView;
import io.firstparty.segment.segments.domain.VersionView;
import io.firstparty.segment.segments.service.SegmentService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Segment definitions for marketers; approvals for privacy officers. */
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.ADMIN})
@Blocking
public class SegmentResource {

    private final SegmentService segments;
    private final AudienceService audience;
    private final SecurityIdentity caller;

    SegmentResource(SegmentService segments, AudienceService audience, SecurityIdentity caller) {
        this.segments = segments;
        this.audience = audience;
        this.caller = caller;
    }

    @GET
    public List<SegmentView> list() {
        return segments.list();
    }

    /** Creates the segment and computes its membership over all stored history before answering. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SegmentRequest request) throws SQLException {
        Saved saved = segments.create(request, caller.getPrincipal().getName());
        return Response.created(URI.create("/v1/segments/" + saved.segment().id())).entity(saved).build();
    }

    /** Validates a definition and tells its cost and how many people match today; saves nothing. */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Preview preview(SegmentRequest request) throws SQLException {
        return segments.preview(request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN, Roles.PRIVACY_OFFICER})
    public SegmentView get(@PathParam("id") UUID id) {
        return segments.get(id);
    }

    /** A new version of the rule; membership is recomputed, and a significant segment needs approval again. */
    @PUT
    @Path("/{id}/rule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Saved changeRule(@PathParam("id") UUID id, JsonNode rule) throws SQLException {
        return segments.changeRule(id, rule, caller.getPrincipal().getName());
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN, Roles.PRIVACY_OFFICER})
    public List<VersionView> versions(@PathParam("id") UUID id) {
        return segments.versions(id);
    }

    @POST
    @Path("/{id}/archive")
    public SegmentView archive(@PathParam("id") UUID id) throws SQLException {
        return segments.archive(id);
    }

    @POST
    @Path("/{id}/approvals")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    public SegmentView approve(@PathParam("id") UUID id, Approval approval) {
        return segments.approve(id, approval == null ? null : approval.version(), approval == null ? null : approval.note(),
                caller.getPrincipal().getName());
    }

    /** Entries and exits per day in the brand's time zone, with the size at each day's end. */
    @GET
    @Path("/{id}/size")
    public List<DailySize> size(@PathParam("id") UUID id, @QueryParam("days") Integer days) throws SQLException {
        return audience.sizes(id, days);
    }

    @GET
    @Path("/{id}/insights")
    public Insights insights(@PathParam("id") UUID id) throws SQLException {
        return audience.insights(id);
    }
}
