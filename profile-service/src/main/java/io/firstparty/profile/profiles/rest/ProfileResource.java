package io.firstparty.profile.profiles.rest;

import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.merges.domain.ProfileMerges;
import io.firstparty.profile.merges.service.MergeHistory;
import io.firstparty.profile.privacy.domain.ProfileExport;
import io.firstparty.profile.privacy.service.ExportService;
import io.firstparty.profile.profiles.domain.Page;
import io.firstparty.profile.profiles.domain.Profile;
import io.firstparty.profile.profiles.domain.TimelineEvent;
import io.firstparty.profile.profiles.service.ProfileLookup;
import io.firstparty.profile.rest.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class ProfileResource {

    private final ProfileLookup lookup;
    private final MergeHistory merges;
    private final ExportService exports;
    private final IdentifierNormalizer normalizer;

    ProfileResource(ProfileLookup lookup, MergeHistory merges, ExportService exports, IdentifierNormalizer normalizer) {
        this.lookup = lookup;
        this.merges = merges;
        this.exports = exports;
        this.normalizer = normalizer;
    }

    /**
     * Finds the profile an identifier belongs to, normalised as at ingestion, in the identity space of
     * {@code brand} (or the {@code space} named). Without either, the identifier must be known in one
     * space only; otherwise the answer is 400 naming {@code brand} and listing the spaces that know it.
     */
    @GET
    public Profile byIdentifier(@QueryParam("identifier") String identifier, @QueryParam("brand") String brand,
                                @QueryParam("space") String space) throws SQLException {
        return lookup.byIdentifier(IdentifierParameter.parse("identifier", identifier, normalizer), brand, space);
    }

    /** Profiles whose trait has this value, compared as text. */
    @GET
    @Path("/search")
    public List<Profile> byTrait(@QueryParam("trait") String trait, @QueryParam("value") String value,
                                 @QueryParam("limit") @DefaultValue("50") int limit) throws SQLException {
        if (trait == null) {
            throw new InvalidInputException("trait", "is required");
        }
        return lookup.byTrait(trait, value, Limits.checked(limit, ProfileLookup.MAX_PAGE));
    }

    /** A merged-away id answers with the profile it was merged into. */
    @GET
    @Path("/{id}")
    public Profile byId(@PathParam("id") UUID id) throws SQLException {
        return lookup.byId(id);
    }

    /** The profile's events, newest first. */
    @GET
    @Path("/{id}/events")
    public Page<TimelineEvent> events(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") @DefaultValue("50") int limit) throws SQLException {
        return lookup.events(id, cursor, limit);
    }

    /** Everything held about the person, as one JSON document (GDPR Art. 15 and 20). */
    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public ProfileExport export(@PathParam("id") UUID id) throws SQLException {
        return exports.export(id);
    }

    /** Why each identifier belongs to the profile, and its merge log. */
    @GET
    @Path("/{id}/merges")
    public ProfileMerges merges(@PathParam("id") UUID id) {
        return merges.of(id);
    }
}
