package io.firstparty.segment.rules.service;

import io.firstparty.kit.persistence.Queries;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL text being built together with its positional parameters, so the two never drift apart. */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    public Sql append(String part) {
        text.append(part);
        return this;
    }

    /** Appends a placeholder with its value, and a cast when given (e.g. {@code jsonb}). */
    public Sql param(Object value, String cast) {
        text.append(cast == null ? "?" : "CAST(? AS " + cast + ")");
        parameters.add(value);
        return this;
    }

    public Sql param(Object value) {
        return param(value, null);
    }

    public Sql append(Sql other) {
        text.append(other.text);
        parameters.addAll(other.parameters);
        return this;
    }

    /** The statement with every parameter bound: a {@code String[]} as a text array, an instant as a timestamptz. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, connection.createArrayOf("text", texts));
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** Runs the query and reads every row. */
    public <T> List<T> list(DataSource dataSource, Queries.RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                rows.add(reader.read(row));
            }
        }
        return rows;
    }

    /** Runs a query that returns exactly one row (an aggregate) and reads it. */
    public <T> T one(DataSource dataSource, Queries.RowReader<T> reader) throws SQLException {
        return list(dataSource, reader).get(0);
    }

    /** Runs a statement; returns how many rows it changed. */
    public int update(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection)) {
            return statement.executeUpdate();
        }
    }

    public String text() {
        return text.toString();
    }

    public List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
