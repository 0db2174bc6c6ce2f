package io.firstparty.profile.resolution.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Records that could not be applied, kept with their reason so the partition can move on. */
@ApplicationScoped
public class DeadLetterRepository {

    private final DataSource dataSource;

    DeadLetterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void store(String topic, int partition, long offset, String reason, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO dead_letter (topic, partition, record_offset, reason, payload) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, topic);
            insert.setInt(2, partition);
            insert.setLong(3, offset);
            insert.setString(4, reason);
            insert.setString(5, payload);
            insert.executeUpdate();
        }
    }
}
