package io.firstparty.profile.rules.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.profile.rules.domain.DryRunReport;
import io.firstparty.profile.rules.domain.MergeRuleChange;
import io.firstparty.profile.rules.domain.MergeRuleView;
import io.firstparty.profile.rules.service.MergeRuleService;
import io.firstparty.profile.rules.service.RuleDryRun;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

/** Merge rules per identifier type: priority, limit per profile, shared threshold, blocked values. */
@Path("/v1/merge-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MergeRuleResource {

    private final MergeRuleService rules;
    private final RuleDryRun dryRun;

    MergeRuleResource(MergeRuleService rules, RuleDryRun dryRun) {
        this.rules = rules;
        this.dryRun = dryRun;
    }

    @GET
    public List<MergeRuleView> list() {
        return rules.list();
    }

    /** What the change would do to stored history, before it is saved: which profiles would merge or split. */
    @POST
    @Path("/{type}/dry-run")
    public DryRunReport dryRun(@PathParam("type") String type, @Valid @NotNull MergeRuleChange change) throws SQLException {
        return dryRun.run(type, change);
    }

    /** Applies to events resolved from now on; existing profiles keep their links. */
    @PUT
    @Path("/{type}")
    public MergeRuleView update(@PathParam("type") String type, @Valid @NotNull MergeRuleChange change) {
        return rules.update(type, change);
    }
}
