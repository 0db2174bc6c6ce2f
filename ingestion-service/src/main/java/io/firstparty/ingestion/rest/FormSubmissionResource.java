package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.domain.FormOutcome;
import io.firstparty.ingestion.service.FormService;
import io.firstparty.ingestion.service.FormSubmission;
import io.firstparty.ingestion.service.FormSubmissionService;
import io.firstparty.kit.problem.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The public form endpoint. No token and no write key, which a web page could not keep secret: the
 * form's random id and its source's allowed origins are the credential. A browser without
 * JavaScript is sent on to the thank-you page; a script gets JSON.
 */
@Path("/v1/forms")
@PermitAll
@Blocking
public class FormSubmissionResource {

    private final FormSubmissionService submissions;
    private final FormService forms;

    FormSubmissionResource(FormSubmissionService submissions, FormService forms) {
        this.submissions = submissions;
        this.forms = forms;
    }

    @GET
    @Path("/{formId}/embed")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The form as an accessible HTML snippet to paste into a page: labelled inputs, consent "
            + "boxes unticked, a hidden honeypot; it posts here and works without JavaScript")
    public Response embed(@PathParam("formId") UUID formId, @Context UriInfo uri) throws SQLException {
        String action = uri.getBaseUriBuilder().path("v1/forms/{formId}").build(formId).toString();
        CacheControl fiveMinutes = new CacheControl();
        fiveMinutes.setMaxAge(300);
        return Response.ok(forms.embed(formId, action)).cacheControl(fiveMinutes).build();
    }

    @POST
    @Path("/{formId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A form posted by a browser: 303 to the thank-you page (with ?error=<field> when a rule "
            + "is broken), or JSON when the Accept header asks for it")
    public CompletionStage<Response> submitForm(
            @PathParam("formId") UUID formId, byte[] body, @BeanParam CollectionHeaders headers, HttpHeaders http,
            @CookieParam(FormSubmission.ANONYMOUS_ID_COOKIE) String anonymousId) throws SQLException {
        boolean script = asksForJson(http.getAcceptableMediaTypes());
        return submissions.submit(formId, new FormSubmission(headers.with(body), false, charset(http), anonymousId))
                .thenApply(outcome -> script
                        ? Response.ok(answer(outcome), MediaType.APPLICATION_JSON_TYPE).build()
                        : Response.seeOther(URI.create(outcome.redirect())).build());
    }

    @POST
    @Path("/{formId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A form posted by a script as a flat JSON object of field to text, number or true/false")
    public CompletionStage<FormSubmitted> submitJson(
            @PathParam("formId") UUID formId, byte[] body, @BeanParam CollectionHeaders headers,
            @CookieParam(FormSubmission.ANONYMOUS_ID_COOKIE) String anonymousId) throws SQLException {
        return submissions.submit(formId, new FormSubmission(headers.with(body), true, null, anonymousId))
                .thenApply(FormSubmissionResource::answer);
    }

    @OPTIONS
    @Path("/{formId}")
    @Operation(summary = "CORS preflight: allowed for the origins of the form's source")
    public Response preflight() {
        return CorsFilter.preflight();
    }

    /** A script's answer: success, or a 400 problem naming the form field to fix. */
    private static FormSubmitted answer(FormOutcome outcome) {
        if (!outcome.accepted()) {
            throw new InvalidInputException(outcome.violations());
        }
        return new FormSubmitted(true, outcome.thankYouUrl());
    }

    private static String charset(HttpHeaders http) {
        MediaType type = http.getMediaType();
        return type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    }

    /** Browsers ask for HTML or anything ({@code *}/{@code *}); only a script names JSON. */
    private static boolean asksForJson(List<MediaType> accepted) {
        return accepted.stream().anyMatch(type -> "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json")));
    }

    /** @param thankYouUrl where the page may send the person next */
    public record FormSubmitted(boolean success, String thankYouUrl) {
    }
}
