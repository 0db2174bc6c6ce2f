package io.firstparty.system.platform;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Does for the processes of the run what Kubernetes does for the pods of the Helm chart: a process
 * that died is started again, and one whose liveness check ({@code /q/health/live}) answers a failure
 * three times in a row, 10 s apart (the chart's probe), is killed and started again. A process that
 * does not answer at all is still starting and is left alone, as a startup probe would. Every
 * restart is counted, so a test can say how often the platform needed one.
 */
public final class Kubelet {

    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final int FAILURE_THRESHOLD = 3;

    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();

    /** Waits until the process at {@code url} is ready, restarting it as Kubernetes would. */
    public void awaitReady(ManagedProcess process, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProbe = System.nanoTime();
        int failures = 0;
        while (!(process.isAlive() && Http.status(url + "/q/health/ready") == 200)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + process.name()
                        + " to be ready\nlast lines of " + process.log() + ":\n" + Logs.tail(process.log(), 40));
            }
            if (!process.isAlive()) {
                restart(process);
            } else if (System.nanoTime() >= nextProbe) {
                nextProbe = System.nanoTime() + PERIOD.toNanos();
                int live = Http.status(url + "/q/health/live");
                failures = live > 0 && live != 200 ? failures + 1 : 0;
                if (failures >= FAILURE_THRESHOLD) {
                    restart(process);
                    failures = 0;
                }
            }
            sleep();
        }
    }

    /** Starts the process again if it died, as its operator would (Strimzi for Kafka, CloudNativePG for PostgreSQL). */
    public boolean revive(ManagedProcess process) {
        if (process.isAlive()) {
            return false;
        }
        process.start();
        restarts.merge(process.name(), 1, Integer::sum);
        return true;
    }

    private void restart(ManagedProcess process) {
        process.kill();
        process.start();
        restarts.merge(process.name(), 1, Integer::sum);
    }

    /** How many times each process had to be restarted. */
    public Map<String, Integer> restarts() {
        return new TreeMap<>(restarts);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a process to be ready", e);
        }
    }
}
