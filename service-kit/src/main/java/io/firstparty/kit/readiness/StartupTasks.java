package io.firstparty.kit.readiness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link StartupTask} once at start-up and keeps retrying the ones that failed, so a
 * service whose database or broker is down starts anyway, reports not-ready with the reason, and
 * becomes ready by itself when the dependency comes back, instead of crash-looping.
 */
@Readiness
@ApplicationScoped
public class StartupTasks implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class);
    private static final long RETRY_SECONDS = 5;

    private final List<StartupTask> tasks;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();
    private ScheduledExecutorService retries;

    StartupTasks(Instance<StartupTask> tasks) {
        this.tasks = tasks.stream().toList();
    }

    /**
     * Runs just before the messaging channels start (their observer has priority
     * {@code LIBRARY_BEFORE}): a consumer that finds records waiting must find its tables migrated.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        tasks.forEach(this::attempt);
        if (done.size() < tasks.size()) {
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "startup-task-retry");
                thread.setDaemon(true);
                return thread;
            });
            retries.scheduleWithFixedDelay(this::retryPending, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    private void retryPending() {
        tasks.stream().filter(task -> !done.containsKey(task.name())).forEach(this::attempt);
        if (done.size() == tasks.size()) {
            retries.shutdown();
        }
    }

    private synchronized void attempt(StartupTask task) {
        try {
            task.run();
            done.put(task.name(), true);
            if (failures.remove(task.name()) != null) {
                LOG.infof("%s completed after earlier failures", task.name());
            }
        } catch (Exception e) {
            String reason = reason(e);
            if (!reason.equals(failures.put(task.name(), reason))) {
                LOG.warnf("%s not done yet, retrying every %ds: %s", task.name(), RETRY_SECONDS, reason);
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("startup-tasks").up();
        for (StartupTask task : tasks) {
            if (done.containsKey(task.name())) {
                response.withData(task.name(), "done");
            } else {
                response.down().withData(task.name(), failures.getOrDefault(task.name(), "pending"));
            }
        }
        return response.build();
    }

    /** The innermost message says what is actually wrong ("Connection refused"), without class names. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message != null ? message : "failed without a message";
    }
}
