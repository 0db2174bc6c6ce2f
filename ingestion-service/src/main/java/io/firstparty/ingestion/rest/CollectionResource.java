package io.firstparty.ingestion.rest;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.CollectionResult;
import io.firstparty.ingestion.service.CollectionRequest;
import io.firstparty.ingestion.service.CollectionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The Segment HTTP Tracking API. Public: the write key (HTTP Basic user name or {@code writeKey} in
 * the body) is the only credential, and it can write to its own source and nothing else.
 * {@code text/plain} is accepted because browsers' sendBeacon cannot send JSON.
 */
@Path("/v1")
@PermitAll
@Blocking
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    private final CollectionService collection;

    CollectionResource(CollectionService collection) {
        this.collection = collection;
    }

    @POST
    @Path("/identify")
    @Operation(summary = "Who a person is, and their traits")
    public CompletionStage<CollectionResult> identify(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                      @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.IDENTIFY, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/track")
    @Operation(summary = "Something a person did")
    public CompletionStage<CollectionResult> track(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.TRACK, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/page")
    @Operation(summary = "A web page a person viewed")
    public CompletionStage<CollectionResult> page(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                  @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.PAGE, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/screen")
    @Operation(summary = "An app screen a person viewed")
    public CompletionStage<CollectionResult> screen(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                    @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.SCREEN, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/group")
    @Operation(summary = "A person joining a group or account")
    public CompletionStage<CollectionResult> group(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.GROUP, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Two ids of one person")
    public CompletionStage<CollectionResult> alias(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectOne(EventType.ALIAS, request(body, authorization, origin, gpc));
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Up to 2,500 messages of any type; invalid ones are kept as failed events")
    public CompletionStage<CollectionResult> batch(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return collection.collectBatch(request(body, authorization, origin, gpc), true);
    }

    /** The path Segment's server-side libraries post batches to. */
    @POST
    @Path("/import")
    @Operation(summary = "Same as /v1/batch")
    public CompletionStage<CollectionResult> importBatch(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                         @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc) {
        return batch(body, authorization, origin, gpc);
    }

    @POST
    @Path("/validate")
    @Operation(summary = "Checks a batch as /v1/batch would, and stores nothing")
    public CompletionStage<CollectionResult> validate(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                      @HeaderParam("Origin") String origin) {
        return collection.collectBatch(request(body, authorization, origin, null), false);
    }

    private static CollectionRequest request(byte[] body, String authorization, String origin, String gpc) {
        return new CollectionRequest(body, authorization, origin, "1".equals(gpc != null ? gpc.strip() : null), Instant.now());
    }
}
