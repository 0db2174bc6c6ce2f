package io.firstparty.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static io.firstparty.kit.testing.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the archive holds for a test's source, read straight from its table. */
public final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {
    }

    /** The source's one stored event, once the archive has it, as stored. */
    public static JsonNode only(DataSource dataSource, TestSources source) {
        within(Duration.ofSeconds(20), () -> assertEquals(1, ((Number) source.stats().get("stored")).longValue()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT event::text FROM archived_event WHERE source_id = ?::uuid")) {
            query.setString(1, source.id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "event not archived");
                return JSON.readTree(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
