package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.domain.FailedEvent;
import io.firstparty.ingestion.domain.ReplayResult;
import io.firstparty.ingestion.service.FailedEventService;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The failed events of a source: why each failed, and replay once fixed. */
@Path("/v1/sources/{sourceId}/failed-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class FailedEventResource {

    private final FailedEventService failures;

    FailedEventResource(FailedEventService failures) {
        this.failures = failures;
    }

    /**
     * @param reason text to look for in the violations' fields and rules, e.g. {@code anonymousId}
     * @param before paging cursor: the receivedAt of the last failure of the previous page
     */
    @GET
    public List<FailedEvent> list(@PathParam("sourceId") UUID sourceId, @QueryParam("reason") String reason,
                                  @QueryParam("open") @DefaultValue("false") boolean openOnly,
                                  @QueryParam("before") Instant before,
                                  @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return failures.list(sourceId, reason, openOnly, before, limit);
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayResult replay(@PathParam("sourceId") UUID sourceId, @NotNull ReplayRequest request) throws SQLException {
        return failures.replay(sourceId, request.ids());
    }

    public record ReplayRequest(List<UUID> ids) {
    }
}
