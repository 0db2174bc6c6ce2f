package io.firstparty.consent.selfservice.rest;

import io.firstparty.consent.selfservice.service.PersonRequests;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The public door for people's own data-subject requests (no login): ask by e-mail address, confirm
 * through the link sent there, download an access archive through the link sent once it is ready.
 * Narrow: a small body, an hourly allowance per client and per address, the same answer for every
 * address. The signed links are the only credentials.
 */
@Path("/v1/privacy-requests")
@PermitAll
@Blocking
public class PersonRequestResource {

    private final PersonRequests requests;

    PersonRequestResource(PersonRequests requests) {
        this.requests = requests;
    }

    /** 202 with the same answer whether or not the address is known. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ask(String body, @Context HttpServerRequest http) {
        requests.submit(body, http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return Response.accepted(Map.of("message", PersonRequests.ANSWER)).build();
    }

    /** The page a confirmation link opens: one button, so that a mail scanner opening links files nothing. */
    @GET
    @Path("/confirm/{token}")
    @Produces(MediaType.TEXT_HTML)
    public String confirmPage(@PathParam("token") String token) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Confirm your request</title></head>
                <body><main><h1>Confirm your privacy request</h1>
                <form method="post"><button type="submit">Confirm</button></form>
                </main></body></html>
                """;
    }

    /** Files the confirmed request; following the link again files nothing more. */
    @POST
    @Path("/confirm/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    public Confirmation confirm(@PathParam("token") String token) {
        return requests.confirm(token);
    }

    /** The access archive, for the address that asked and no one else. */
    @GET
    @Path("/archive/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response archive(@PathParam("token") String token) {
        return Response.ok(requests.archive(token), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
