package io.firstparty.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.ingestion.domain.EventSchema;
import io.firstparty.ingestion.repository.EventSchemaRepository;
import io.firstparty.ingestion.service.EventSchemas;
import io.firstparty.ingestion.service.SourceService;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * JSON Schemas of a source's events, versioned. The key is {@code track:<event name>},
 * {@code identify} or {@code group}; a new PUT adds a version, earlier ones are kept.
 */
@Path("/v1/sources/{sourceId}/schemas")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class EventSchemaResource {

    private final EventSchemas schemas;
    private final EventSchemaRepository repository;
    private final SourceService sources;

    EventSchemaResource(EventSchemas schemas, EventSchemaRepository repository, SourceService sources) {
        this.schemas = schemas;
        this.repository = repository;
        this.sources = sources;
    }

    @GET
    public List<EventSchema> list(@PathParam("sourceId") UUID sourceId) throws SQLException {
        sources.get(sourceId);
        return repository.latestOfEach(sourceId);
    }

    @PUT
    @Path("/{eventKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response declare(@PathParam("sourceId") UUID sourceId, @PathParam("eventKey") String eventKey,
                            JsonNode schema) throws SQLException {
        if (!eventKey.matches("^(identify|group|page|screen|track:.{1,200})$")) {
            throw new InvalidInputException("eventKey", "must be identify, group, page, screen or track:<event name>");
        }
        sources.get(sourceId);
        int version = schemas.declare(sourceId, eventKey, schema);
        return Response.status(Response.Status.CREATED).entity(new Declared(eventKey, version)).build();
    }

    public record Declared(String eventKey, int version) {
    }
}
