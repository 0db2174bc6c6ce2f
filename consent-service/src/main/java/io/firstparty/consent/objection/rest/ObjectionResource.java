package io.firstparty.consent.objection.rest;

import io.firstparty.consent.objection.service.AddressObjections;
import io.firstparty.consent.objection.service.Objections;
import io.firstparty.consent.objection.service.PublicLimits;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The public objection pages: plain HTML, no login, no script, one "I object" button. Behind a
 * person's personal link the signed token is the only credential; without one, a person gives an
 * e-mail address and follows the link e-mailed to it. Every page is rate limited per client address.
 */
@Path("/v1/objections")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
public class ObjectionResource {

    /** Largest "object by e-mail" form accepted, in bytes: an address, a purpose code and a language. */
    static final int MAX_FORM_BYTES = 2048;
    private static final int MAX_CODE = 100;

    private final Objections objections;
    private final AddressObjections addresses;
    private final PublicLimits limits;
    private final Template page;
    private final Template request;

    ObjectionResource(Objections objections, AddressObjections addresses, PublicLimits limits,
                      @Location("objection/page.html") Template page,
                      @Location("objection/request.html") Template request) {
        this.objections = objections;
        this.addresses = addresses;
        this.limits = limits;
        this.page = page;
        this.request = request;
    }

    @GET
    @Path("/{token}")
    public String form(@PathParam("token") String token, @Context HttpServerRequest http) {
        limits.request(client(http));
        return render("/v1/objections/" + token, objections.form(token));
    }

    /** The button's answer; answering again is harmless and shows the same confirmation. */
    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String object(@PathParam("token") String token, @Context HttpServerRequest http) {
        limits.request(client(http));
        return render("/v1/objections/" + token, objections.object(token));
    }

    /** Objecting without a personal link: the form that asks for an e-mail address and a purpose. */
    @GET
    public String addressForm(@QueryParam("purpose") String purpose, @QueryParam("lang") String language,
                              @Context HttpServerRequest http) {
        limits.request(client(http));
        String lang = AddressObjections.language(language);
        return request.data("fr", "fr".equals(lang)).data("language", lang).data("sent", false)
                .data("maxAddress", AddressObjections.MAX_ADDRESS)
                .data("choices", addresses.choices(purpose, lang)).render();
    }

    /** E-mails the address a confirmation link; the answer is the same whether the address is known or not. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String requestLink(@FormParam("email") String email, @FormParam("purpose") String purpose,
                              @FormParam("lang") String language, @HeaderParam("Content-Length") Long length,
                              @Context HttpServerRequest http) {
        String client = client(http);
        limits.request(client);
        if (length != null && length > MAX_FORM_BYTES) {
            throw new PayloadTooLargeException("", "the form must be at most " + MAX_FORM_BYTES + " bytes");
        }
        if (purpose != null && purpose.length() > MAX_CODE) {
            throw new InvalidInputException("/purpose", "must be at most " + MAX_CODE + " characters");
        }
        limits.confirmation(client);
        String lang = AddressObjections.language(language);
        addresses.request(email, purpose, lang);
        return request.data("fr", "fr".equals(lang)).data("language", lang).data("sent", true)
                .data("maxAddress", AddressObjections.MAX_ADDRESS).data("choices", java.util.List.of()).render();
    }

    /** The page the e-mailed link opens: the purpose and the one button. */
    @GET
    @Path("/confirm/{token}")
    public String confirmForm(@PathParam("token") String token, @Context HttpServerRequest http) {
        limits.request(client(http));
        return render(AddressObjections.CONFIRM + token, addresses.form(token));
    }

    @POST
    @Path("/confirm/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String confirm(@PathParam("token") String token, @Context HttpServerRequest http) {
        limits.request(client(http));
        return render(AddressObjections.CONFIRM + token, addresses.object(token));
    }

    private String render(String action, Objections.Form form) {
        return page.data("form", form).data("action", action)
                .data("fr", "fr".equals(form.language())).render();
    }

    /** The client's address (the forwarded one where the deployment trusts its proxy's headers). */
    private static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "" : http.remoteAddress().hostAddress();
    }
}
