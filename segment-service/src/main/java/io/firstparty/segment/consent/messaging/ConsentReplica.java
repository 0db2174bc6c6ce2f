package io.firstparty.segment.consent.messaging;

import io.firstparty.contracts.events.ConsentStateChanged;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.segment.config.StartupGate;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the local copy of the consent topics. Both are compacted and hold whole states, so
 * applying a record again changes nothing, and a tombstone (null value) removes its key.
 */
@ApplicationScoped
public class ConsentReplica {

    private final ConsentRepository consent;
    private final StartupGate gate;

    ConsentReplica(ConsentRepository consent, StartupGate gate) {
        this.consent = consent;
        this.gate = gate;
    }

    @Incoming("consent-changes")
    @Blocking
    void onStates(ConsumerRecords<String, ConsentStateChanged> records) throws Exception {
        gate.await();
        replaceStates(records);
    }

    /** The states, and how far each partition is applied (which exports wait for), in one transaction. */
    @Transactional
    void replaceStates(ConsumerRecords<String, ConsentStateChanged> records) throws SQLException {
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, ConsentStateChanged> record : records) {
            String profileId = record.value() != null ? record.value().profileId() : record.key();
            if (profileId != null) {
                consent.replaceState(profileId, record.value());
            }
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
        }
        consent.advance(nextOffsets);
    }

    @Incoming("consent-purposes")
    @Blocking
    void onPurposes(ConsumerRecords<String, PurposeDefined> records) throws Exception {
        gate.await();
        definePurposes(records);
    }

    @Transactional
    void definePurposes(ConsumerRecords<String, PurposeDefined> records) throws SQLException {
        for (ConsumerRecord<String, PurposeDefined> record : records) {
            if (record.value() != null) {
                consent.definePurpose(record.value());
            } else if (record.key() != null) {
                consent.retirePurpose(record.key());
            }
        }
    }
}
