package io.firstparty.profile.merges.rest;

import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.merges.domain.AdminReason;
import io.firstparty.profile.merges.domain.IdentifierRemoval;
import io.firstparty.profile.merges.domain.MergeView;
import io.firstparty.profile.merges.service.MergeOperations;
import io.firstparty.profile.resolution.domain.MergeDecision;
import io.firstparty.profile.rest.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The merge log for admins: the review queue, unmerges, and identifiers taken off a profile. */
@Path("/v1/merges")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MergeResource {

    private static final Set<String> STATUSES = Set.of(MergeDecision.MERGED, MergeDecision.REFUSED,
            MergeDecision.PENDING_REVIEW, MergeDecision.REJECTED, MergeDecision.UNMERGED);

    private final MergeOperations merges;
    private final IdentifierNormalizer normalizer;

    MergeResource(MergeOperations merges, IdentifierNormalizer normalizer) {
        this.merges = merges;
        this.normalizer = normalizer;
    }

    /** The review queue by default: merges refused by a limit or as a storm, oldest first. */
    @GET
    public List<MergeView> list(@QueryParam("status") @DefaultValue(MergeDecision.PENDING_REVIEW) String status,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (!STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of " + String.join(", ", STATUSES));
        }
        return merges.queue(status, Limits.checked(limit, 1000));
    }

    @POST
    @Path("/{id}/unmerge")
    @Consumes(MediaType.APPLICATION_JSON)
    public MergeView unmerge(@PathParam("id") UUID id, @Valid @NotNull AdminReason body) throws SQLException {
        return merges.unmerge(id, body.reason());
    }

    @POST
    @Path("/{id}/accept")
    public MergeView accept(@PathParam("id") UUID id) throws SQLException {
        return merges.accept(id);
    }

    @POST
    @Path("/{id}/reject")
    public MergeView reject(@PathParam("id") UUID id) {
        return merges.reject(id);
    }

    /** Takes one identifier off its profile: events carrying it no longer reach that profile. */
    @POST
    @Path("/identifier-removals")
    @Consumes(MediaType.APPLICATION_JSON)
    public void removeIdentifier(@Valid @NotNull IdentifierRemoval body) throws SQLException {
        merges.removeIdentifier(IdentifierParameter.parse("/identifier", body.identifier(), normalizer), body.brand(),
                body.reason());
    }
}
