package io.firstparty.consent.state.rest;

import io.firstparty.consent.ledger.rest.LedgerEntry;
import io.firstparty.consent.state.service.PreferenceCentre;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

/** A person's choices for a brand's preference centre: read them all, change any of them in one call. */
@Path("/v1/people/{profileId}/consents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class PreferenceResource {

    private final PreferenceCentre centre;

    PreferenceResource(PreferenceCentre centre) {
        this.centre = centre;
    }

    @GET
    public List<Choice> choices(@PathParam("profileId") String profileId) throws SQLException {
        return centre.choices(profileId);
    }

    /**
     * Records each choice; a repeated call with the same {@code Idempotency-Key} records nothing new.
     *
     * @return the records written (or found again), in the order of the choices
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public List<LedgerEntry> change(@PathParam("profileId") String profileId,
                                    @HeaderParam("Idempotency-Key") String idempotencyKey,
                                    ChoicesRequest request) {
        return centre.change(profileId, idempotencyKey, request).stream().map(LedgerEntry::of).toList();
    }
}
