package io.firstparty.consent.campaigns.rest;

import io.firstparty.consent.campaigns.service.NoticeFeed;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** In-app notices: what a brand's app shows a person, and the record that it did. */
@Path("/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BRAND_APP)
@Blocking
public class NoticeFeedResource {

    private static final int MAX_ID_LENGTH = 200;

    private final NoticeFeed feed;

    NoticeFeedResource(NoticeFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/feed")
    public List<FeedNotice> feed(@QueryParam("profileId") String profileId) {
        return feed.feed(profileId("/profileId", profileId));
    }

    /** 204 once the display is recorded; every display is kept as proof. */
    @POST
    @Path("/{campaignId}/displays")
    public void displayed(@PathParam("campaignId") UUID campaignId, DisplayRequest request) {
        feed.displayed(campaignId, profileId("/profileId", request == null ? null : request.profileId()));
    }

    static String profileId(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "is required: a profile id of 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }
}
