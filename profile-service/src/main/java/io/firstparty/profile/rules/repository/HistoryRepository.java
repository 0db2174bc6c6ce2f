package io.firstparty.profile.rules.repository;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.serde.ContractJson;
import io.firstparty.kit.persistence.Queries;
import io.firstparty.profile.resolution.domain.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Stored events in the order they happened, to replay them under other rules. */
@ApplicationScoped
public class HistoryRepository {

    /** An event as stored, with the profile it is on now. */
    public record StoredEvent(IncomingEvent incoming, UUID profileId) {
    }

    private final DataSource dataSource;

    HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<StoredEvent> oldestFirst(int limit) throws SQLException {
        return Queries.list(dataSource, """
                SELECT body::text, profile_id FROM profile_event ORDER BY occurred_at, message_id LIMIT ?""",
                row -> new StoredEvent(incoming(row.getString(1)), row.getObject(2, UUID.class)), limit);
    }

    private static IncomingEvent incoming(String json) throws SQLException {
        try {
            return new IncomingEvent(ContractJson.MAPPER.readValue(json, EventAccepted.class), json);
        } catch (IOException e) {
            throw new SQLException("a stored event is not an accepted event", e);
        }
    }
}
