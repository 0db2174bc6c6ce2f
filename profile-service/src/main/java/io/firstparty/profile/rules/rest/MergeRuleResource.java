package io.firstparty.profile.rules.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.profile.rules.domain.MergeRuleChange;
import io.firstparty.profile.rules.domain.MergeRuleView;
import io.firstparty.profile.rules.service.MergeRuleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Merge rules per identifier type: priority, limit per profile, shared threshold, blocked values. */
@Path("/v1/merge-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MergeRuleResource {

    private final MergeRuleService rules;

    MergeRuleResource(MergeRuleService rules) {
        this.rules = rules;
    }

    @GET
    public List<MergeRuleView> list() {
        return rules.list();
    }

    /** Applies to events resolved from now on; existing profiles keep their links. */
    @PUT
    @Path("/{type}")
    public MergeRuleView update(@PathParam("type") String type, @Valid @NotNull MergeRuleChange change) {
        return rules.update(type, change);
    }
}
