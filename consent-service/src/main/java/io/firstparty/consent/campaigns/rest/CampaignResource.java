package io.firstparty.consent.campaigns.rest;

import io.firstparty.consent.campaigns.service.CampaignReports;
import io.firstparty.consent.campaigns.service.Campaigns;
import io.firstparty.kit.security.Roles;
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
import java.util.List;
import java.util.UUID;

/** Notice campaigns for legitimate-interest purposes, run by privacy officers. */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class CampaignResource {

    private final Campaigns campaigns;
    private final CampaignReports reports;
    private final SecurityIdentity caller;

    CampaignResource(Campaigns campaigns, CampaignReports reports, SecurityIdentity caller) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CampaignRequest request) {
        CampaignView created = campaigns.create(request, caller.getPrincipal().getName());
        return Response.created(URI.create("/v1/campaigns/" + created.id())).entity(created).build();
    }

    @GET
    public List<CampaignView> list() {
        return campaigns.list();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") UUID id) {
        return campaigns.view(id);
    }

    /** Fixes the notice and the audience, holds the purpose back until its date and lets the e-mails go; once. */
    @POST
    @Path("/{id}/start")
    public CampaignView start(@PathParam("id") UUID id) {
        return campaigns.start(id);
    }

    @GET
    @Path("/{id}/report")
    public CampaignReport report(@PathParam("id") UUID id) {
        return reports.report(id);
    }
}
