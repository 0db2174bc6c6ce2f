package io.firstparty.segment.audience.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.segment.audience.domain.ExportRow;
import io.firstparty.segment.audience.domain.Insights;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.rules.service.RuleSql;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** What leaves the service about a segment's listed members: export pages and aggregate figures. */
@ApplicationScoped
public class AudienceRepository {

    private final DataSource dataSource;

    AudienceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Listed members after the given profile id, with their traits, in profile id order. */
    public List<ExportRow> exportPage(UUID segmentId, String purpose, String after, int limit) throws SQLException {
        Sql sql = new Sql().append("SELECT m.profile_id, p.traits FROM segment_membership m")
                .append(" LEFT JOIN segment_profile p ON p.profile_id = m.profile_id WHERE m.segment_id = ").param(segmentId)
                .append(" AND m.profile_id > ").param(after).append(" AND ")
                .append(ConsentRepository.allows("m.profile_id", purpose))
                .append(" ORDER BY m.profile_id LIMIT ").param(limit);
        return sql.list(dataSource, row -> new ExportRow(row.getString(1),
                row.getString(2) == null ? null : JsonColumn.read(row.getString(2), JsonNode.class)));
    }

    public Insights insights(UUID segmentId, String purpose, String orderEvent, String revenueProperty,
                             String newsletterPurpose) throws SQLException {
        Sql revenue = RuleSql.number(new Sql().append("e.properties #> ").param(new String[]{revenueProperty}, "text[]"));
        Sql sql = new Sql().append("WITH listed AS (SELECT m.profile_id FROM segment_membership m WHERE m.segment_id = ")
                .param(segmentId).append(" AND ").append(ConsentRepository.allows("m.profile_id", purpose)).append("),")
                .append(" orders AS (SELECT e.profile_id, count(*) AS n, sum(").append(revenue).append(") AS revenue")
                .append(" FROM segment_event e JOIN listed l ON l.profile_id = e.profile_id WHERE e.type = 'track' AND e.name = ")
                .param(orderEvent).append(" AND e.occurred_at >= now() - interval '90 days' GROUP BY e.profile_id)")
                .append(" SELECT (SELECT count(*) FROM listed), (SELECT count(*) FROM orders),")
                .append(" (SELECT count(*) FROM orders WHERE n >= 2), (SELECT COALESCE(sum(revenue), 0) FROM orders),")
                .append(" (SELECT count(*) FROM listed l WHERE ").append(ConsentRepository.allows("l.profile_id", newsletterPurpose))
                .append(")");
        return sql.one(dataSource, row -> {
            long size = row.getLong(1);
            long buyers = row.getLong(2);
            BigDecimal total = row.getBigDecimal(4);
            return new Insights(size, buyers, ratio(row.getLong(3), buyers), total, ratio(total, size),
                    ratio(row.getLong(5), size));
        });
    }

    private static BigDecimal ratio(long part, long whole) {
        return ratio(BigDecimal.valueOf(part), whole);
    }

    private static BigDecimal ratio(BigDecimal part, long whole) {
        return whole == 0 ? null : part.divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
