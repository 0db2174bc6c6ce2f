package io.firstparty.profile.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Columns of a poll bound as PostgreSQL arrays, for the {@code unnest} statements of the resolution path. */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static <T> Array text(Connection connection, Collection<T> rows, Function<T, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    public static <T> Array uuid(Connection connection, Collection<T> rows, Function<T, UUID> column) throws SQLException {
        return connection.createArrayOf("uuid", rows.stream().map(column).toArray(UUID[]::new));
    }

    public static <T> Array integer(Connection connection, Collection<T> rows, Function<T, Integer> column) throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new));
    }

    public static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray(UUID[]::new));
    }

    public static Array longs(Connection connection, List<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray(Long[]::new));
    }
}
