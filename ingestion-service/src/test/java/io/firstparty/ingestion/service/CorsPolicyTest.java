package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.EventType;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.SourceChanged;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsPolicyTest {

    private static final String ORIGIN = "https://shop.example.com";

    /** Sources as the database lists them, until it goes away (Hibernate then fails as below). */
    private static final class Sources extends SourceService {

        private boolean reachable = true;

        Sources() {
            super(null, null, null, null);
        }

        @Override
        public List<Source> list() {
            if (!reachable) {
                throw new JDBCConnectionException("connection refused", new SQLException("connection refused", "08001"));
            }
            return List.of(new Source(UUID.randomUUID(), "brand", "web", List.of(ORIGIN), 100,
                    EnumSet.allOf(EventType.class), true, "fpwk_test", Instant.EPOCH));
        }
    }

    @Test
    void aSourceChangeWhileTheDatabaseIsAwayKeepsTheKnownOrigins() {
        Sources sources = new Sources();
        CorsPolicy policy = new CorsPolicy(sources, null, CollectionParsingFuzzTest.CONFIG);
        assertTrue(policy.allowsCollection(ORIGIN));

        sources.reachable = false;
        policy.forgetOrigins(new SourceChanged(UUID.randomUUID()));

        assertTrue(policy.allowsCollection(ORIGIN), "the last known origins serve until the database is back");
    }
}
