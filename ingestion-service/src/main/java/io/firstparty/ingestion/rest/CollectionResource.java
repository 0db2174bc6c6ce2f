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
    @Path("/{type: identify|track|page|screen|group|alias}")
    @Operation(summary = "One call: who a person is (identify), what they did (track), what they viewed (page, screen), "
            + "the group they joined (group), or two ids of one person (alias)")
    public CompletionStage<CollectionResult> call(@PathParam("type") String type, byte[] body,
                                                  @BeanParam CollectionHeaders headers) {
        return collection.collectOne(EventType.fromCode(type), headers.with(body));
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Up to 2,500 messages of any type; invalid ones are kept as failed events")
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
