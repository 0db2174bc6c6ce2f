package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.service.FormService;
import io.firstparty.kit.security.Roles;
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
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The web forms of a source. A new form's Location is where its page posts. */
@Path("/v1/sources/{sourceId}/forms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class FormsOfSourceResource {

    private final FormService forms;

    FormsOfSourceResource(FormService forms) {
        this.forms = forms;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("sourceId") UUID sourceId, FormDefinition definition, UriInfo uri)
            throws SQLException {
        Form form = forms.create(sourceId, definition);
        return Response.created(uri.getBaseUriBuilder().path(FormResource.class).path(form.id().toString()).build())
                .entity(form).build();
    }

    @GET
    public List<Form> list(@PathParam("sourceId") UUID sourceId) throws SQLException {
        return forms.list(sourceId);
    }
}
