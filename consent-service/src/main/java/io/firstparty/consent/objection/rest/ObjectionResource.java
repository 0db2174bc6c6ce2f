package io.firstparty.consent.objection.rest;

import io.firstparty.consent.objection.service.Objections;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The public objection form behind each person's personal link: plain HTML, no login, no script,
 * one "I object" button. The signed token is the only credential.
 */
@Path("/v1/objections/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
public class ObjectionResource {

    private final Objections objections;
    private final Template page;

    ObjectionResource(Objections objections, @Location("objection/page.html") Template page) {
        this.objections = objections;
        this.page = page;
    }

    @GET
    public String form(@PathParam("token") String token) {
        return render(token, objections.form(token), false);
    }

    /** The button's answer; answering again is harmless and shows the same confirmation. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String object(@PathParam("token") String token) {
        return render(token, objections.object(token), true);
    }

    private String render(String token, Objections.Form form, boolean justAnswered) {
        return page.data("form", form).data("token", token).data("justAnswered", justAnswered)
                .data("fr", "fr".equals(form.language())).render();
    }
}
