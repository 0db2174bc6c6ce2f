package io.firstparty.segment.datasets.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.segment.datasets.domain.DatasetExportRequest;
import io.firstparty.segment.datasets.domain.DatasetExportView;
import io.firstparty.segment.datasets.service.DatasetExportService;
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

import java.net.URI;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Dataset exports made for a purpose: NDJSON of every event of every person the purpose may process,
 * ending with the manifest, which is also kept and served on its own.
 */
@Path("/v1/datasets/exports")
@RolesAllowed({Roles.MARKETER, Roles.ADMIN})
@Blocking
public class DatasetExportResource {

    private final DatasetExportService exports;
    private final SecurityIdentity caller;

    DatasetExportResource(DatasetExportService exports, SecurityIdentity caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/x-ndjson", MediaType.APPLICATION_JSON})
    public Response export(DatasetExportRequest request) throws SQLException {
        DatasetExportService.Started started = exports.start(request, caller.getPrincipal().getName());
        return Response.ok(started.body(), "application/x-ndjson")
                .location(URI.create("/v1/datasets/exports/" + started.id()))
                .header("Content-Disposition", "attachment; filename=\"dataset-" + started.id() + ".ndjson\"")
                .build();
    }

    /** The export's record, with its manifest once the file has been written in full. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN, Roles.PRIVACY_OFFICER})
    public DatasetExportView get(@PathParam("id") UUID id) {
        return exports.get(id);
    }
}
