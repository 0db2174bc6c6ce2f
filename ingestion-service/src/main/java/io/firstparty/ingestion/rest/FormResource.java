package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.service.FormService;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.UUID;

/**
 * One form's definition. Same class path as the public {@link FormSubmissionResource}: admins read
 * and replace a form where browsers post it.
 */
@Path("/v1/forms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class FormResource {

    private final FormService forms;

    FormResource(FormService forms) {
        this.forms = forms;
    }

    @GET
    @Path("/{formId}")
    public Form get(@PathParam("formId") UUID formId) throws SQLException {
        return forms.get(formId);
    }

    /** Replaces the whole definition; the version counts up. */
    @PUT
    @Path("/{formId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Form replace(@PathParam("formId") UUID formId, FormDefinition definition) throws SQLException {
        return forms.replace(formId, definition);
    }
}
