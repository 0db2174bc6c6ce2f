package io.firstparty.kit.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

/** Applies the service's Flyway migrations (src/main/resources/db/migration) to its own database. */
@ApplicationScoped
public class SchemaMigration implements StartupTask {

    private final Flyway flyway;

    SchemaMigration(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public String name() {
        return "database-schema";
    }

    @Override
    public void run() {
        flyway.migrate();
    }
}
