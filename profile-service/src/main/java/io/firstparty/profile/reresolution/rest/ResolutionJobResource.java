package io.firstparty.profile.reresolution.rest;

import io.firstparty.kit.security.Roles;
import io.firstparty.profile.reresolution.domain.NewResolutionJob;
import io.firstparty.profile.reresolution.domain.ResolutionJobView;
import io.firstparty.profile.reresolution.service.ResolutionJobs;
import io.firstparty.profile.rest.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Re-resolution of existing profiles after the merge rules or the identity spaces changed. A job
 * runs in the background on one replica, in batches, and resumes where it stopped after a restart.
 */
@Path("/v1/resolution-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ResolutionJobResource {

    private static final int MAX_LISTED = 100;

    private final ResolutionJobs jobs;

    ResolutionJobResource(ResolutionJobs jobs) {
        this.jobs = jobs;
    }

    /** 202: the job is queued for the next replica that looks; 409 while another job runs. */
    @POST
    public Response start(@Valid NewResolutionJob request) throws SQLException {
        ResolutionJobView job = jobs.start(request == null ? null : request.batchSize());
        return Response.accepted(job).location(URI.create("/v1/resolution-jobs/" + job.id())).build();
    }

    @GET
    public List<ResolutionJobView> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        return jobs.recent(Limits.checked(limit, MAX_LISTED));
    }

    @GET
    @Path("/{id}")
    public ResolutionJobView get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }
}
