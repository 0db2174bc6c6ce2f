package io.firstparty.consent.rest;

import io.firstparty.consent.domain.Purpose;
import io.firstparty.consent.repository.PurposeRepository;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

@Path("/v1/purposes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class PurposeResource {

    private final PurposeRepository purposes;

    PurposeResource(PurposeRepository purposes) {
        this.purposes = purposes;
    }

    @GET
    public List<Purpose> list() throws SQLException {
        return purposes.list();
    }
}
