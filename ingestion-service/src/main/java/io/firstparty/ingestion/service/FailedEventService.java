package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.FailedEvent;
import io.firstparty.ingestion.domain.ReplayResult;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.Validated;
import io.firstparty.ingestion.messaging.EventPublisher;
import io.firstparty.ingestion.repository.FailedEventRepository;
import io.firstparty.kit.problem.DependencyUnavailableException;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Lists failed events and replays them once the rule or schema they broke is fixed. */
@ApplicationScoped
public class FailedEventService {

    public static final int MAX_PAGE = 500;

    private final FailedEventRepository failures;
    private final SourceService sources;
    private final JsonLimits json;
    private final MessageValidator validator;
    private final EventPublisher publisher;
    private final CollectionConfig config;

    FailedEventService(FailedEventRepository failures, SourceService sources, JsonLimits json,
                       MessageValidator validator, EventPublisher publisher, CollectionConfig config) {
        this.failures = failures;
        this.sources = sources;
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
        this.config = config;
    }

    public List<FailedEvent> list(UUID sourceId, String reason, boolean openOnly, Instant before, int limit)
            throws SQLException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        sources.get(sourceId);
        return failures.find(sourceId, reason, openOnly, before, limit);
    }

    /**
     * Validates each open failure again with today's rules; those that pass are published (with their
     * original message id, so a second replay is dropped as a duplicate) and marked replayed.
     */
    @Transactional
    public ReplayResult replay(UUID sourceId, List<UUID> ids) throws SQLException {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_PAGE) {
            throw new InvalidInputException("/ids", "must list 1 to " + MAX_PAGE + " failed event ids");
        }
        Source source = sources.get(sourceId);
        List<EventAccepted> events = new ArrayList<>();
        List<UUID> passing = new ArrayList<>();
        List<ReplayResult.StillFailing> stillFailing = new ArrayList<>();
        for (FailedEvent failure : failures.findOpen(sourceId, ids)) {
            Validated result = revalidate(failure, source);
            if (result instanceof Validated.Valid valid) {
                events.add(valid.event());
                passing.add(failure.id());
            } else if (result instanceof Validated.Invalid invalid) {
                stillFailing.add(new ReplayResult.StillFailing(failure.id(), invalid.violations()));
            }
        }
        awaitPublished(events);
        if (!passing.isEmpty()) {
            failures.markReplayed(passing);
        }
        return new ReplayResult(passing, stillFailing);
    }

    private Validated revalidate(FailedEvent failure, Source source) {
        try {
            byte[] original = failure.originalBody().getBytes(StandardCharsets.UTF_8);
            return validator.validate(ReceivedMessage.whole(json.parse(original), original),
                    failure.type(), source, "", failure.receivedAt(), null);
        } catch (InvalidInputException e) {
            return new Validated.Invalid(failure.messageId(), failure.type(), e.violations(), failure.originalBody());
        }
    }

    private void awaitPublished(List<EventAccepted> events) {
        try {
            publisher.publish(Topics.EVENTS_ACCEPTED, events)
                    .get(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new DependencyUnavailableException("the event store did not acknowledge; nothing was replayed",
                    Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while replaying", Duration.ofSeconds(5));
        }
    }
}
