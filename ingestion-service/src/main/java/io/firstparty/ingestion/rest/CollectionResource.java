package io.firstparty.ingestion.rest;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.CollectionResult;
import io.firstparty.ingestion.service.CollectionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The Segment HTTP Tracking API. Public: the write key (HTTP Basic user name or {@code writeKey} in
 * the body) is the only credential, and it can write to its own source and nothing else.
 * The body is a JSON object whatever its label: {@code text/plain} is what browsers' sendBeacon and
 * analytics.js send, and {@code application/x-www-form-urlencoded} what RudderStack's server SDKs
 * send, gzip-compressed.
 */
@Path("/v1")
@PermitAll
@Blocking
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED})
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    private final CollectionService collection;

    CollectionResource(CollectionService collection) {
        this.collection = collection;
    }

    @POST
    @Path("/{type: identify|track|page|screen|group|alias}")
    @Operation(summary = "One call: who a person is (identify), what they did (track), what they viewed (page, screen), "
            + "the group they joined (group), or two ids of one person (alias)")
    public CompletionStage<CollectionResult> call(@PathParam("type") String type, byte[] body,
                                                  @BeanParam CollectionHeaders headers) {
        return collection.collectOne(EventType.fromCode(type), headers.with(body));
    }

    /** analytics.js (analytics-next) posts each call to the first letter of its type: /v1/t, /v1/i, ... */
    @POST
    @Path("/{initial: i|t|p|s|g|a}")
    @Operation(summary = "The same calls at the short paths analytics.js posts to: i, t, p, s, g, a")
    public CompletionStage<CollectionResult> shortCall(@PathParam("initial") String initial, byte[] body,
                                                       @BeanParam CollectionHeaders headers) {
        EventType type = Arrays.stream(EventType.values())
                .filter(candidate -> candidate.code().startsWith(initial))
                .findFirst().orElseThrow();
        return collection.collectOne(type, headers.with(body));
    }

    @POST
    @Path("/{batch: batch|b}")
    @Operation(summary = "Up to 2,500 messages of any type; invalid ones are kept as failed events (also at /v1/b, "
            + "where analytics.js posts when it batches)")
    public CompletionStage<CollectionResult> batch(byte[] body, @BeanParam CollectionHeaders headers) {
        return collection.collectBatch(headers.with(body), true);
    }

    /** The path Segment's server-side libraries post batches to. */
    @POST
    @Path("/import")
    @Operation(summary = "Same as /v1/batch")
    public CompletionStage<CollectionResult> importBatch(byte[] body, @BeanParam CollectionHeaders headers) {
        return batch(body, headers);
    }

    @POST
    @Path("/validate")
    @Operation(summary = "Checks a batch as /v1/batch would, and stores nothing")
    public CompletionStage<CollectionResult> validate(byte[] body, @BeanParam CollectionHeaders headers) {
        return collection.collectBatch(headers.with(body), false);
    }
}
