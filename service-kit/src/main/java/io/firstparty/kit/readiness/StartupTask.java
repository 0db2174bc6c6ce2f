package io.firstparty.kit.readiness;

/**
 * Work a service must finish before it can serve, and that may fail while a dependency is down
 * (schema migration, topic creation). It must be safe to run again after a failure.
 */
public interface StartupTask {

    /** Short name shown in the readiness output, e.g. {@code database-schema}. */
    String name();

    void run() throws Exception;
}
