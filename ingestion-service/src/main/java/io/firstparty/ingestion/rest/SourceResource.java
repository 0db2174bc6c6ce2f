package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.domain.NewSource;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.SourceCreated;
import io.firstparty.ingestion.domain.SourceStats;
import io.firstparty.ingestion.service.SourceService;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
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
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Sources and their write keys. A key is shown once, when it is made. */
@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class SourceResource {

    private final SourceService sources;

    SourceResource(SourceService sources) {
        this.sources = sources;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewSource request, UriInfo uri) throws SQLException {
        SourceCreated created = sources.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.source().id().toString()).build())
                .entity(created).build();
    }

    @GET
    public List<Source> list() throws SQLException {
        return sources.list();
    }

    @GET
    @Path("/{id}")
    public Source get(@PathParam("id") UUID id) throws SQLException {
        return sources.get(id);
    }

    /** What became of the source's messages: stored, failed, duplicates dropped. */
    @GET
    @Path("/{id}/stats")
    public SourceStats stats(@PathParam("id") UUID id) throws SQLException {
        return sources.stats(id);
    }

    /** Rotates the key: the new one is returned, the old one stops working. */
    @POST
    @Path("/{id}/write-key")
    public Response rotateKey(@PathParam("id") UUID id) throws SQLException {
        return Response.status(Response.Status.CREATED).entity(sources.rotateKey(id)).build();
    }

    @POST
    @Path("/{id}/disable")
    public Source disable(@PathParam("id") UUID id) throws SQLException {
        return sources.setEnabled(id, false);
    }

    @POST
    @Path("/{id}/enable")
    public Source enable(@PathParam("id") UUID id) throws SQLException {
        return sources.setEnabled(id, true);
    }
}
