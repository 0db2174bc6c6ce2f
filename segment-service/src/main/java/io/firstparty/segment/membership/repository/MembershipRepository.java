package io.firstparty.segment.membership.repository;

import io.firstparty.kit.persistence.Queries;
import io.firstparty.segment.consent.repository.ConsentRepository;
import io.firstparty.segment.membership.domain.Applied;
import io.firstparty.segment.membership.domain.DailySize;
import io.firstparty.segment.membership.domain.Member;
import io.firstparty.segment.membership.domain.MembershipChange;
import io.firstparty.segment.rules.service.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Membership and its change log. Evaluation is one set-based statement: the rule's SQL selects
 * who is in, and the difference with the stored membership is inserted, deleted and logged in
 * the same statement, for all profiles (a backfill) or for a few (the stream, expiry, merges).
 */
@ApplicationScoped
public class MembershipRepository {

    /** Advisory lock key shared by every evaluation; see {@link #lockForStream()}. */
    private static final long EVALUATION_LOCK = 0x5e9_3e47L;
    private static final String MEMBER_COLUMNS = "m.segment_id, m.profile_id, m.rule_version, m.since";

    private final DataSource dataSource;

    MembershipRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Taken (shared) by every evaluation of a few profiles before it reads the segment list, and
     * (exclusive) by a backfill: a backfill then sees every event a concurrent evaluation stored,
     * and an evaluation that waited sees the new segment, so neither misses the other's rows.
     * Released at the end of the transaction.
     */
    public void lockForStream() throws SQLException {
        new Sql().append("SELECT pg_advisory_xact_lock_shared(").param(EVALUATION_LOCK).append(")").one(dataSource, row -> true);
    }

    public void lockForBackfill() throws SQLException {
        new Sql().append("SELECT pg_advisory_xact_lock(").param(EVALUATION_LOCK).append(")").one(dataSource, row -> true);
    }

    /**
     * @param selected   the rule's SQL: the profile ids that belong in the segment
     * @param restrictTo the profiles evaluated, or null for everyone
     */
    public Applied apply(UUID segmentId, int version, Sql selected, String[] restrictTo, String cause, Instant now,
                         Duration timeout) throws SQLException {
        Sql sql = new Sql().append("WITH matched AS (").append(selected).append("),")
                .append(" entered AS (INSERT INTO segment_membership (profile_id, segment_id, rule_version, since)")
                .append(" SELECT profile_id, ").param(segmentId).append(", ").param(version).append(", ").param(now, "timestamptz")
                .append(" FROM matched ON CONFLICT (profile_id, segment_id) DO NOTHING RETURNING profile_id),")
                .append(" exited AS (DELETE FROM segment_membership m WHERE m.segment_id = ").param(segmentId);
        if (restrictTo != null) {
            sql.append(" AND m.profile_id = ANY(").param(restrictTo, "text[]").append(")");
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM matched x WHERE x.profile_id = m.profile_id) RETURNING m.profile_id),")
                .append(" logged AS (INSERT INTO segment_membership_change (profile_id, segment_id, change, rule_version, cause, occurred_at)")
                .append(" SELECT profile_id, ").append(changeColumns(segmentId, "entered", version, cause, now)).append(" FROM entered")
                .append(" UNION ALL SELECT profile_id, ").append(changeColumns(segmentId, "exited", version, cause, now)).append(" FROM exited)")
                .append(" SELECT (SELECT count(*) FROM entered), (SELECT count(*) FROM exited)");
        return bounded(sql, timeout, row -> new Applied(row.getLong(1), row.getLong(2)));
    }

    private static Sql changeColumns(UUID segmentId, String change, int version, String cause, Instant now) {
        return new Sql().param(segmentId).append(", '" + change + "', ").param(version).append(", ").param(cause)
                .append(", ").param(now, "timestamptz");
    }

    /** Runs a one-row query that may not run longer than the timeout (a backfill, a preview). */
    private <T> T bounded(Sql sql, Duration timeout, Queries.RowReader<T> reader) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = sql.prepare(connection)) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return reader.read(row);
            }
        }
    }

    /** Counts what the rule's SQL selects, without storing anything: a preview. */
    public long count(Sql selected, Duration timeout) throws SQLException {
        Sql sql = new Sql().append("SELECT count(*) FROM (").append(selected).append(") matched");
        return bounded(sql, timeout, row -> row.getLong(1));
    }

    /** The profile ids a query selects. */
    public List<String> profiles(Sql sql) throws SQLException {
        return sql.text().isEmpty() ? List.of() : sql.list(dataSource, row -> row.getString(1));
    }

    /** Everyone leaves the segment (it was archived). */
    public long removeAll(UUID segmentId, int version, String cause, Instant now) throws SQLException {
        Sql sql = new Sql().append("WITH exited AS (DELETE FROM segment_membership WHERE segment_id = ").param(segmentId)
                .append(" RETURNING profile_id) INSERT INTO segment_membership_change")
                .append(" (profile_id, segment_id, change, rule_version, cause, occurred_at) SELECT profile_id, ")
                .append(changeColumns(segmentId, "exited", version, cause, now)).append(" FROM exited");
        return sql.update(dataSource);
    }

    /** The profile leaves every segment it is in, each exit logged under the segment's current rule version. */
    public long removeProfile(String profileId, String cause, Instant now) throws SQLException {
        Sql sql = new Sql().append("WITH exited AS (DELETE FROM segment_membership WHERE profile_id = ").param(profileId)
                .append(" RETURNING segment_id) INSERT INTO segment_membership_change")
                .append(" (profile_id, segment_id, change, rule_version, cause, occurred_at) SELECT ").param(profileId)
                .append(", s.id, 'exited', s.current_version, ").param(cause).append(", ").param(now, "timestamptz")
                .append(" FROM exited JOIN segment s ON s.id = exited.segment_id");
        return sql.update(dataSource);
    }

    /** Members that consent allows for the purpose, in profile id order, after the given id. */
    public List<Member> allowedMembers(UUID segmentId, String purpose, String after, int limit) throws SQLException {
        Sql sql = new Sql().append("SELECT " + MEMBER_COLUMNS + " FROM segment_membership m WHERE m.segment_id = ")
                .param(segmentId).append(" AND m.profile_id > ").param(after == null ? "" : after)
                .append(" AND ").append(ConsentRepository.allows("m.profile_id", purpose))
                .append(" ORDER BY m.profile_id LIMIT ").param(limit);
        return list(sql);
    }

    public long countAllowed(UUID segmentId, String purpose) throws SQLException {
        return new Sql().append("SELECT count(*) FROM segment_membership m WHERE m.segment_id = ").param(segmentId)
                .append(" AND ").append(ConsentRepository.allows("m.profile_id", purpose)).one(dataSource, row -> row.getLong(1));
    }

    public Optional<Member> membership(UUID segmentId, String profileId) throws SQLException {
        return list(new Sql().append("SELECT " + MEMBER_COLUMNS + " FROM segment_membership m WHERE m.profile_id = ")
                .param(profileId).append(" AND m.segment_id = ").param(segmentId)).stream().findFirst();
    }

    /** The segments a profile is in by rule. */
    public List<Member> ofProfile(String profileId) throws SQLException {
        return list(new Sql().append("SELECT " + MEMBER_COLUMNS + " FROM segment_membership m WHERE m.profile_id = ")
                .param(profileId).append(" ORDER BY m.since"));
    }

    /** Entries and exits per day in the zone, with the size at each day's end, for the last days. */
    public List<DailySize> dailySizes(UUID segmentId, ZoneId zone, int days) throws SQLException {
        Sql sql = new Sql().append("WITH days AS (SELECT CAST(d AS date) AS day FROM generate_series(")
                .append("CAST(now() AT TIME ZONE ").param(zone.getId()).append(" AS date) - ").param(days - 1)
                .append(", CAST(now() AT TIME ZONE ").param(zone.getId()).append(" AS date), interval '1 day') d),")
                .append(" changes AS (SELECT CAST(occurred_at AT TIME ZONE ").param(zone.getId()).append(" AS date) AS day,")
                .append(" count(*) FILTER (WHERE change = 'entered') AS entered, count(*) FILTER (WHERE change = 'exited') AS exited")
                .append(" FROM segment_membership_change WHERE segment_id = ").param(segmentId).append(" GROUP BY 1),")
                .append(" current AS (SELECT count(*) AS size FROM segment_membership WHERE segment_id = ").param(segmentId).append(")")
                .append(" SELECT d.day, COALESCE(c.entered, 0), COALESCE(c.exited, 0), current.size")
                .append(" - COALESCE((SELECT sum(later.entered - later.exited) FROM changes later WHERE later.day > d.day), 0)")
                .append(" FROM days d CROSS JOIN current LEFT JOIN changes c ON c.day = d.day ORDER BY d.day");
        return sql.list(dataSource, row -> new DailySize(row.getObject(1, LocalDate.class), row.getLong(2), row.getLong(3),
                row.getLong(4)));
    }

    /** The oldest changes not yet on the topic, locked so that another replica skips them. */
    public List<MembershipChange> claimUnpublished(int limit) throws SQLException {
        Sql sql = new Sql().append("SELECT id, profile_id, segment_id, change, rule_version, cause, occurred_at")
                .append(" FROM segment_membership_change WHERE published_at IS NULL ORDER BY id LIMIT ").param(limit)
                .append(" FOR UPDATE SKIP LOCKED");
        return sql.list(dataSource, row -> new MembershipChange(row.getLong(1), row.getString(2),
                row.getObject(3, UUID.class), row.getString(4), row.getInt(5), row.getString(6), row.getTimestamp(7).toInstant()));
    }

    public void markPublished(List<MembershipChange> changes) throws SQLException {
        String[] profiles = changes.stream().map(MembershipChange::profileId).toArray(String[]::new);
        Long[] ids = changes.stream().map(MembershipChange::id).toArray(Long[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE segment_membership_change c SET published_at = now()
                     FROM unnest(?, ?) AS done(profile_id, id)
                     WHERE c.profile_id = done.profile_id AND c.id = done.id""")) {
            statement.setArray(1, connection.createArrayOf("text", profiles));
            statement.setArray(2, connection.createArrayOf("bigint", ids));
            statement.executeUpdate();
        }
    }

    private List<Member> list(Sql sql) throws SQLException {
        return sql.list(dataSource, row -> new Member(row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
                row.getTimestamp(4).toInstant()));
    }
}
