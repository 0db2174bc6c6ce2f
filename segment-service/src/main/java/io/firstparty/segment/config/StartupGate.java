package io.firstparty.segment.config;

import io.firstparty.kit.readiness.StartupTasks;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Holds back jobs and consumers until the start-up tasks (schema migration, topics) are done, so
 * that nothing touches a table before Flyway has created it.
 */
@Singleton
public class StartupGate implements Scheduled.SkipPredicate {

    private static final long POLL_MILLIS = 500;

    private final StartupTasks tasks;
    private volatile boolean open;

    StartupGate(@Readiness StartupTasks tasks) {
        this.tasks = tasks;
    }

    public boolean isOpen() {
        if (!open) {
            open = tasks.call().getStatus() == HealthCheckResponse.Status.UP;
        }
        return open;
    }

    /** Blocks the calling consumer thread until start-up is done. */
    public void await() throws InterruptedException {
        while (!isOpen()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !isOpen();
    }
}
