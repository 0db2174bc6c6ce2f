package io.firstparty.segment.repository;

import io.firstparty.segment.domain.SegmentSummary;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SegmentRepository {

    private final DataSource dataSource;

    SegmentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SegmentSummary> list() throws SQLException {
        List<SegmentSummary> segments = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT s.id, s.name, s.description, COALESCE(MAX(v.version), 0), s.created_at
                     FROM segment s LEFT JOIN segment_rule_version v ON v.segment_id = s.id
                     GROUP BY s.id ORDER BY s.name""");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                segments.add(new SegmentSummary(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getInt(4), row.getTimestamp(5).toInstant()));
            }
        }
        return segments;
    }
}
