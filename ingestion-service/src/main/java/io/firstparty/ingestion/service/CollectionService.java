package io.firstparty.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventRejected;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.ObjectionSignalled;
import io.firstparty.contracts.events.PrivacySignal;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.CollectionResult;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.Validated;
import io.firstparty.ingestion.messaging.EventPublisher;
import io.firstparty.kit.problem.AccessDeniedException;
import io.firstparty.kit.problem.DependencyUnavailableException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The collection path: size limits, credentials, origin, rate, validation, then Kafka. Valid
 * messages go to the accepted topic and invalid ones to the failed topic, and the caller hears
 * back only when the broker has both: nothing is acknowledged that is not stored.
 */
@ApplicationScoped
public class CollectionService {

    private static final Logger LOG = Logger.getLogger(CollectionService.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final JsonLimits json;
    private final WriteKeyAuthenticator authenticator;
    private final RateLimiter rateLimiter;
    private final MessageValidator validator;
    private final SuppressionList suppressionList;
    private final EventPublisher publisher;
    private final CollectionConfig config;
    private final Counter accepted;
    private final Counter rejected;

    CollectionService(JsonLimits json, WriteKeyAuthenticator authenticator, RateLimiter rateLimiter,
                      MessageValidator validator, SuppressionList suppressionList, EventPublisher publisher,
                      CollectionConfig config, MeterRegistry registry) {
        this.json = json;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
        this.suppressionList = suppressionList;
        this.publisher = publisher;
        this.config = config;
        this.accepted = Counter.builder("firstparty.events.accepted").register(registry);
        this.rejected = Counter.builder("firstparty.events.rejected").register(registry);
    }

    /** One call of the given type (identify, track, ...). */
    public CompletionStage<CollectionResult> collectOne(EventType type, CollectionRequest received) {
        CollectionRequest request = readable(received, config.maxMessageBytes());
        if (request.body().length > config.maxMessageBytes()) {
            throw new PayloadTooLargeException("/", "a message must be at most " + config.maxMessageBytes() + " bytes");
        }
        JsonNode message = json.parse(request.body());
        Source source = admit(request, message.get("writeKey"), 1);
        Validated result = validator.validate(ReceivedMessage.whole(message, request.body()), type, source, "",
                request.receivedAt(), null, JsonLimits.mayHoldControlCharacters(request.body()));
        return publish(source, List.of(result), request);
    }

    /** A batch: {@code {"batch": [...], "sentAt": ...}}; invalid messages do not sink the valid ones. */
    public CompletionStage<CollectionResult> collectBatch(CollectionRequest received, boolean publishing) {
        CollectionRequest request = readable(received, config.maxBatchBytes());
        if (request.body().length > config.maxBatchBytes()) {
            throw new PayloadTooLargeException("/", "a batch must be at most " + config.maxBatchBytes() + " bytes");
        }
        ReceivedBatch body = json.parseBatch(request.body(), config.maxBatchMessages());
        List<ReceivedMessage> batch = body.messages();
        if (batch == null || batch.isEmpty()) {
            throw new InvalidInputException("/batch", "is required: an array of one or more messages");
        }
        Source source = admit(request, body.field("writeKey"), batch.size());
        Instant sentAt = batchSentAt(body.field("sentAt"));
        boolean screen = JsonLimits.mayHoldControlCharacters(request.body());
        List<Validated> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(validator.validate(batch.get(i), null, source, "/batch/" + i, request.receivedAt(), sentAt, screen));
        }
        if (!publishing) {
            return CompletableFuture.completedFuture(summarise(results, 0));
        }
        return publish(source, results, request);
    }

    /**
     * The body decompressed, and refused at once when its declared type hides a body that is not
     * JSON. RudderStack's server SDKs label their JSON {@code application/x-www-form-urlencoded}, so
     * that label is read as JSON too; a real urlencoded form belongs at the form endpoint.
     */
    private static CollectionRequest readable(CollectionRequest received, int limit) {
        CollectionRequest request = received.decoded(limit);
        String type = request.contentType();
        if (type != null && type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED, 0,
                MediaType.APPLICATION_FORM_URLENCODED.length()) && !JsonLimits.startsWithObject(request.body())) {
            throw new UnsupportedContentException("/headers/Content-Type", "the collection API reads a JSON object; "
                    + "form fields (name=value&...) are posted to /v1/forms/{formId}");
        }
        return request;
    }

    private Source admit(CollectionRequest request, JsonNode bodyKey, int messages) {
        Source source = authenticator.authenticate(request.authorization(),
                bodyKey != null && bodyKey.isTextual() ? bodyKey.asText() : null);
        if (request.origin() != null && !source.allowsOrigin(request.origin())) {
            throw new AccessDeniedException("this origin may not send events to this source");
        }
        rateLimiter.acquire(source, messages);
        return source;
    }

    private static Instant batchSentAt(JsonNode sentAt) {
        if (sentAt == null || !sentAt.isTextual()) {
            return null;
        }
        try {
            return Timestamps.parse(sentAt.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("/sentAt", "must be an ISO-8601 date-time with offset");
        }
    }

    /** Shared with web forms, so that a form post ends where an API call does. */
    CompletionStage<CollectionResult> publish(Source source, List<Validated> results, CollectionRequest request) {
        List<EventAccepted> events = new ArrayList<>();
        List<EventRejected> failures = new ArrayList<>();
        int suppressed = 0;
        for (Validated result : results) {
            if (result instanceof Validated.Valid valid) {
                if (suppressionList.drops(valid.event())) {
                    suppressed++;
                } else {
                    events.add(valid.event());
                }
            } else if (result instanceof Validated.Invalid invalid) {
                failures.add(new EventRejected(EventRejected.CURRENT_VERSION, UUID.randomUUID().toString(),
                        source.id().toString(), invalid.messageId(), invalid.type(), invalid.violations(), invalid.originalBody(),
                        request.receivedAt()));
            }
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        acks.add(publisher.publish(Topics.EVENTS_ACCEPTED, events));
        acks.add(publisher.publish(Topics.EVENTS_FAILED, failures));
        if (request.globalPrivacyControl()) {
            acks.add(publisher.publish(Topics.PRIVACY_SIGNALS, events.stream()
                    .map(event -> new ObjectionSignalled(ObjectionSignalled.CURRENT_VERSION,
                            PrivacySignal.GLOBAL_PRIVACY_CONTROL, event.sourceId(), event.messageId(),
                            event.identifiers(), event.receivedAt()))
                    .toList()));
        }
        int suppressedCount = suppressed;
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((ignored, error) -> {
                    if (error != null) {
                        LOG.warnf("Kafka did not acknowledge %d records of source %s: %s",
                                events.size() + failures.size(), source.id(), rootMessage(error));
                        throw new DependencyUnavailableException(
                                "the event store did not acknowledge in time; nothing was accepted, retry later", RETRY_AFTER);
                    }
                    accepted.increment(events.size());
                    rejected.increment(failures.size());
                    CollectionResult summary = summarise(results, suppressedCount);
                    if (summary.accepted() + summary.suppressed() == 0) {
                        throw new InvalidInputException(summary.rejected().stream()
                                .flatMap(rejection -> rejection.violations().stream()).toList());
                    }
                    return summary;
                });
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static CollectionResult summarise(List<Validated> results, int suppressed) {
        List<CollectionResult.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof Validated.Invalid invalid) {
                rejections.add(new CollectionResult.Rejection(i, invalid.messageId(), invalid.violations()));
            }
        }
        int valid = results.size() - rejections.size();
        return new CollectionResult(true, valid - suppressed, suppressed, rejections);
    }
}
