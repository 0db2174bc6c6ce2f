package io.firstparty.ingestion.messaging;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits out a database outage in place. Kafka keeps what is not yet stored, and offsets are only
 * committed after a store succeeds, so waiting loses nothing; failing the channel instead would
 * stop the archive until the service restarts.
 */
final class DatabaseOutages {

    private static final Logger LOG = Logger.getLogger(DatabaseOutages.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    /** A write to the database; throws what the driver throws. */
    @FunctionalInterface
    interface Write {
        void run() throws Exception;
    }

    private DatabaseOutages() {
    }

    /** Runs the write, again and again while the database is unreachable; any other failure is thrown. */
    static void retrying(String what, Write write) throws Exception {
        Duration wait = FIRST_WAIT;
        boolean warned = false;
        while (true) {
            try {
                write.run();
                if (warned) {
                    LOG.infof("%s: the database is reachable again", what);
                }
                return;
            } catch (Exception e) {
                if (!isOutage(e)) {
                    throw e;
                }
                if (!warned) {
                    LOG.warnf("%s: the database is unreachable (SQLState %s); retrying until it is back", what, sqlState(e));
                    warned = true;
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Connection failures (class 08), the server shutting down or starting (57P01-57P03) and lack of
     * resources (class 53): conditions that pass. Constraint or data errors do not, and are thrown.
     */
    static boolean isOutage(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
