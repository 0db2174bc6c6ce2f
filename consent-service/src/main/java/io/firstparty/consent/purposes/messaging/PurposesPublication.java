package io.firstparty.consent.purposes.messaging;

import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.kit.readiness.SchemaMigration;
import io.firstparty.kit.readiness.StartupTask;
import io.firstparty.kit.readiness.TopicProvisioning;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes every purpose at start-up, so the compacted topic holds them even if it was recreated. */
@ApplicationScoped
public class PurposesPublication implements StartupTask {

    private final PurposeService purposes;
    private final SchemaMigration schema;
    private final TopicProvisioning topics;

    PurposesPublication(PurposeService purposes, SchemaMigration schema, TopicProvisioning topics) {
        this.purposes = purposes;
        this.schema = schema;
        this.topics = topics;
    }

    @Override
    public String name() {
        return "purposes-published";
    }

    @Override
    public void run() throws Exception {
        // Start-up tasks run in no set order: the table and the topic must exist first (no-ops when they do).
        schema.run();
        topics.run();
        purposes.publishAll();
    }
}
