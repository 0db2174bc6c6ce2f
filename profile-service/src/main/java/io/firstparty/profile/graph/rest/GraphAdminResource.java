package io.firstparty.profile.graph.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.profile.graph.domain.DeadLetter;
import io.firstparty.profile.graph.domain.RejectedIdentifier;
import io.firstparty.profile.graph.domain.SharedIdentifier;
import io.firstparty.profile.graph.repository.GraphAdminRepository;
import io.firstparty.profile.rest.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

/** What the identity graph set aside, for admins: shared values, rejected identifiers, dead letters. */
@Path("/v1/identity-graph")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class GraphAdminResource {

    private static final int MAX_LIMIT = 1000;

    private final GraphAdminRepository graph;

    GraphAdminResource(GraphAdminRepository graph) {
        this.graph = graph;
    }

    /** Values seen with too many different people; they link nobody. */
    @GET
    @Path("/shared-identifiers")
    public List<SharedIdentifier> shared(@QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return graph.shared(Limits.checked(limit, MAX_LIMIT));
    }

    /** Identifiers of events that were not linked, newest first, with the reason. */
    @GET
    @Path("/rejected-identifiers")
    public List<RejectedIdentifier> rejections(@QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return graph.rejections(Limits.checked(limit, MAX_LIMIT));
    }

    /** Records that could not be applied, newest first. */
    @GET
    @Path("/dead-letters")
    public List<DeadLetter> deadLetters(@QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return graph.deadLetters(Limits.checked(limit, MAX_LIMIT));
    }
}
