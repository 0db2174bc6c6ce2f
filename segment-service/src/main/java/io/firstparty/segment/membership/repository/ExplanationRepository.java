package io.firstparty.segment.membership.repository;

import io.firstparty.segment.membership.domain.ConditionVerdict;
import io.firstparty.segment.rules.domain.EventCondition;
import io.firstparty.segment.rules.domain.TraitCondition;
import io.firstparty.segment.rules.service.RuleSql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
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
        return sql.eventExplanation(condition, profileId, MAX_MATCHED_IDS).one(dataSource, row -> {
            Array ids = row.getArray(3);
            List<String> matched = ids == null ? List.of() : Arrays.asList((String[]) ids.getArray());
            return new ConditionVerdict(condition.pointer(), "event", condition.describe(), row.getBoolean(4),
                    condition.window().start(now), condition.window().end(), row.getLong(1),
                    condition.aggregate() != null ? row.getBigDecimal(2) : null, matched, null, null);
        });
    }

    public ConditionVerdict trait(RuleSql sql, TraitCondition condition, String profileId) throws SQLException {
        return sql.traitExplanation(condition, profileId)
                .list(dataSource, row -> trait(condition, row.getBoolean(1), row.getString(2))).stream().findFirst()
                .orElse(trait(condition, false, null));
    }

    /** A profile the service has never heard of has no traits: the condition does not hold. */
    private static ConditionVerdict trait(TraitCondition condition, boolean holds, String value) {
        return new ConditionVerdict(condition.pointer(), "trait", condition.describe(), holds, null, null, null, null,
                null, value, null);
    }
}
