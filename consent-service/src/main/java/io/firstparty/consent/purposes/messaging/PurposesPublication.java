package io.firstparty.consent.purposes.messaging;

import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.kit.readiness.SchemaMigration;
import io.firstparty.kit.readiness.StartupTask;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes every purpose at start-up, so the compacted topic holds them even if it was recreated. */
@ApplicationScoped
public class PurposesPublication implements StartupTask {

    private final PurposeService purposes;
    private final SchemaMigration schema;

    PurposesPublication(PurposeService purposes, SchemaMigration schema) {
        this.purposes = purposes;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "purposes-published";
    }

    @Override
    public void run() {
        // Start-up tasks run in no set order: the purposes table must be migrated first (a no-op when it is).
        schema.run();
        purposes.publishAll();
    }
}
