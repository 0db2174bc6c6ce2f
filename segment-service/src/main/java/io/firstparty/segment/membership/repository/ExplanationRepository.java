package io.firstparty.segment.membership.repository;

import io.firstparty.segment.membership.domain.ConditionVerdict;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.TraitCondition;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The verdict of each leaf condition for one person, computed by the same SQL that decides membership. */
@ApplicationScoped
public class ExplanationRepository {

    public static final int MAX_MATCHED_IDS = 50;

    private final DataSource dataSource;

    ExplanationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ConditionVerdict event(RuleSql sql, EventCondition condition, String profileId, Instant now)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = sql.eventExplanation(condition, profileId, MAX_MATCHED_IDS).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            row.next();
            Array ids = row.getArray(3);
            List<String> matched = ids == null ? List.of() : Arrays.asList((String[]) ids.getArray());
            return new ConditionVerdict(condition.pointer(), "event", condition.describe(), row.getBoolean(4),
                    condition.window().start(now), condition.window().end(), row.getLong(1),
                    condition.aggregate() != null ? row.getBigDecimal(2) : null, matched, null, null);
        }
    }

    public ConditionVerdict trait(RuleSql sql, TraitCondition condition, String profileId) throws SQLException {
        Sql query = sql.traitExplanation(condition, profileId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = query.prepare(connection);
             ResultSet row = statement.executeQuery()) {
            boolean found = row.next();
            return new ConditionVerdict(condition.pointer(), "trait", condition.describe(), found && row.getBoolean(1),
                    null, null, null, null, null, found ? row.getString(2) : null, null);
        }
    }
}
