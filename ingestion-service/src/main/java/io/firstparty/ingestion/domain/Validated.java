package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.events.Violation;

import java.util.List;

/** One message after validation: an event ready to publish, or the rules it broke. */
public sealed interface Validated {

    String messageId();

    record Valid(EventAccepted event) implements Validated {
        @Override
        public String messageId() {
            return event.messageId();
        }
    }

    /** @param type the call type the endpoint fixed, or null when the message had to name it */
    record Invalid(String messageId, EventType type, List<Violation> violations, String originalBody) implements Validated {
    }
}
