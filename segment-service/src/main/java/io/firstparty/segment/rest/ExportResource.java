package io.firstparty.segment.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.audience.domain.ExportFormat;
import io.firstparty.segment.audience.service.AudienceService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.sql.SQLException;
import java.util.UUID;

/** The audience export: listed members with chosen traits, as CSV or NDJSON, e-mails optionally SHA-256 hashed. */
@Path("/v1/segments/{id}/export")
@RolesAllowed({Roles.MARKETER, Roles.ADMIN})
@Blocking
public class ExportResource {

    private final AudienceService audience;

    ExportResource(AudienceService audience) {
        this.audience = audience;
    }

    @GET
    @Produces({"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response export(@PathParam("id") UUID id, @QueryParam("format") String format,
                           @QueryParam("traits") String traits, @QueryParam("hashEmails") boolean hashEmails)
            throws SQLException {
        StreamingOutput body = audience.export(id, format, traits, hashEmails);
        ExportFormat chosen = ExportFormat.parse(format == null ? "csv" : format).orElseThrow();
        return Response.ok(body, chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"segment-" + id + "." + chosen.code() + "\"").build();
    }
}
