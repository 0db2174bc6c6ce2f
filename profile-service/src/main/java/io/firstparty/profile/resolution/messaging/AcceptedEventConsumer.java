package io.firstparty.profile.resolution.messaging;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import io.firstparty.profile.resolution.repository.DeadLetterRepository;
import io.firstparty.profile.resolution.service.ResolutionService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads accepted events a poll at a time and resolves them together. A poll that fails is retried
 * record by record, so one poison record goes to the dead-letter table with its reason and the rest
 * of the partition moves on; a database that is down is waited for, not dead-lettered.
 */
@ApplicationScoped
public class AcceptedEventConsumer {

    private static final Logger LOG = Logger.getLogger(AcceptedEventConsumer.class);
    private static final long BACKOFF_MILLIS = 200;

    private final ResolutionService resolution;
    private final DeadLetterRepository deadLetters;
    private final ResolutionConfig config;
    private final Counter deadLettered;

    AcceptedEventConsumer(ResolutionService resolution, DeadLetterRepository deadLetters, ResolutionConfig config,
                          MeterRegistry registry) {
        this.resolution = resolution;
        this.deadLetters = deadLetters;
        this.config = config;
        this.deadLettered = Counter.builder("firstparty.resolution.dead.letters")
                .description("Accepted events that could not be resolved and went to the dead-letter table").register(registry);
    }

    @Incoming("events-accepted")
    @Blocking
    void consume(ConsumerRecords<String, byte[]> records) throws Exception {
        List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                events.add(read(record));
                readable.add(record);
            } catch (IOException | RuntimeException e) {
                deadLetter(record, "not a readable accepted event");
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            withRetries(events);
        } catch (Exception batchFailure) {
            if (transientFailure(batchFailure)) {
                throw batchFailure;
            }
            for (int i = 0; i < events.size(); i++) {
                try {
                    withRetries(List.of(events.get(i)));
                } catch (Exception e) {
                    if (transientFailure(e)) {
                        throw e;
                    }
                    LOG.warnf("accepted event at %s-%d offset %d could not be resolved: %s",
                            readable.get(i).topic(), readable.get(i).partition(), readable.get(i).offset(), reason(e));
                    deadLetter(readable.get(i), "could not be resolved: " + reason(e));
                }
            }
        }
    }

    static IncomingEvent read(ConsumerRecord<String, byte[]> record) throws IOException {
        EventAccepted event = ContractJson.MAPPER.readValue(record.value(), EventAccepted.class);
        if (event.messageId() == null || event.type() == null || event.timestamp() == null || event.sourceId() == null) {
            throw new IOException("an accepted event needs messageId, sourceId, type and timestamp");
        }
        return new IncomingEvent(event, new String(record.value(), StandardCharsets.UTF_8));
    }

    /** Lock conflicts between replicas and a database that is briefly away are retried with a pause. */
    private void withRetries(List<IncomingEvent> events) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                resolution.apply(events);
                return;
            } catch (Exception e) {
                if (!transientFailure(e) || attempt >= config.attempts()) {
                    throw e;
                }
                Thread.sleep(BACKOFF_MILLIS * attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) throws SQLException {
        deadLetters.store(record.topic(), record.partition(), record.offset(), reason,
                new String(record.value(), StandardCharsets.UTF_8));
        deadLettered.increment();
    }

    /** Deadlocks, serialization failures, lost connections and an unavailable broker pass; a bad record does not. */
    static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause instanceof org.apache.kafka.common.errors.RetriableException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "no message" : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
