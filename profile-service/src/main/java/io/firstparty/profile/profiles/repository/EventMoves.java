package io.firstparty.profile.profiles.repository;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.serde.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.firstparty.profile.persistence.SqlArrays.uuids;

/** Moves events between profiles when a merge is accepted or undone, returning what moved so it can be announced again. */
@ApplicationScoped
public class EventMoves {

    private final DataSource dataSource;

    EventMoves(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Events of {@code from} that first landed on one of {@code origins} move to {@code to}. Every event of a
     * profile first landed somewhere in its merge tree, so passing the whole tree moves them all.
     */
    public List<EventAccepted> move(UUID from, Collection<UUID> origins, UUID to) throws SQLException {
        List<EventAccepted> moved = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE profile_event SET profile_id = ? WHERE profile_id = ? AND origin_profile_id = ANY (?)
                     RETURNING body::text""")) {
            update.setObject(1, to);
            update.setObject(2, from);
            update.setArray(3, uuids(connection, origins));
            try (ResultSet row = update.executeQuery()) {
                while (row.next()) {
                    moved.add(ContractJson.MAPPER.readValue(row.getString(1), EventAccepted.class));
                }
            }
        } catch (IOException e) {
            throw new SQLException("a stored event is not an accepted event", e);
        }
        return moved;
    }
}
