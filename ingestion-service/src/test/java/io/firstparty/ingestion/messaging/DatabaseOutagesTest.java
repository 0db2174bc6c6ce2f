package io.firstparty.ingestion.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseOutagesTest {

    @Test
    void aWriteIsRetriedWhileTheDatabaseIsUnreachable() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DatabaseOutages.retrying("test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException("wrapped", new SQLException("Connection refused", "08001"));
            }
        });
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException constraint = new SQLException("duplicate key", "23505");
        Exception thrown = assertThrows(SQLException.class, () -> DatabaseOutages.retrying("test", () -> {
            attempts.incrementAndGet();
            throw constraint;
        }));
        assertSame(constraint, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void shutdownsAndLackOfResourcesPass() {
        assertTrue(DatabaseOutages.isOutage(new SQLException("terminating", "57P01")));
        assertTrue(DatabaseOutages.isOutage(new SQLException("too many connections", "53300")));
        assertFalse(DatabaseOutages.isOutage(new SQLException("bad json", "22P02")));
        assertFalse(DatabaseOutages.isOutage(new IllegalStateException("no SQL state")));
    }
}
