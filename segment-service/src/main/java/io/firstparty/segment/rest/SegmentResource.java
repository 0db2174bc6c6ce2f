package io.firstparty.segment.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.domain.SegmentSummary;
import io.firstparty.segment.repository.SegmentRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.ADMIN})
@Blocking
public class SegmentResource {

    private final SegmentRepository segments;

    SegmentResource(SegmentRepository segments) {
        this.segments = segments;
    }

    @GET
    public List<SegmentSummary> list() throws SQLException {
        return segments.list();
    }
}
