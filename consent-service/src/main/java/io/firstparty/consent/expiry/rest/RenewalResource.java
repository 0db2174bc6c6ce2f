package io.firstparty.consent.expiry.rest;

import io.firstparty.consent.expiry.service.Renewals;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Who the brand may ask again, and from when. Page with {@code after} = the last profile id seen. */
@Path("/v1/renewals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class RenewalResource {

    private static final int MAX_LIMIT = 1000;

    private final Renewals renewals;
    private final PurposeService purposes;

    RenewalResource(Renewals renewals, PurposeService purposes) {
        this.renewals = renewals;
        this.purposes = purposes;
    }

    @GET
    public List<Renewals.Due> due(@QueryParam("purpose") String purpose, @QueryParam("after") String after,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        if (purpose != null) {
            purposes.require("purpose", purpose);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return renewals.due(purpose, after, limit);
    }
}
