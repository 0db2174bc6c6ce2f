package io.firstparty.ingestion.repository;

import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FormRepository {

    private static final String COLUMNS = "id, source_id, version, definition::text, created_at, updated_at";

    private final DataSource dataSource;

    FormRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new form under a random, unguessable id. */
    public Form insert(UUID sourceId, FormDefinition definition) throws SQLException {
        return query("INSERT INTO form (id, source_id, definition) VALUES (?, ?, ?::jsonb) RETURNING " + COLUMNS,
                UUID.randomUUID(), sourceId, JsonColumn.write(definition)).get(0);
    }

    /** Replaces the definition and counts the version up, in one statement so concurrent replacements each count. */
    public Optional<Form> replace(UUID id, FormDefinition definition) throws SQLException {
        return query("UPDATE form SET definition = ?::jsonb, version = version + 1, updated_at = now() WHERE id = ?"
                + " RETURNING " + COLUMNS, JsonColumn.write(definition), id).stream().findFirst();
    }

    public Optional<Form> findById(UUID id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM form WHERE id = ?", id).stream().findFirst();
    }

    public List<Form> findBySource(UUID sourceId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM form WHERE source_id = ? ORDER BY created_at", sourceId);
    }

    private List<Form> query(String sql, Object... parameters) throws SQLException {
        return Queries.list(dataSource, sql, FormRepository::form, parameters);
    }

    private static Form form(ResultSet row) throws SQLException {
        return new Form(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3),
                JsonColumn.read(row.getString(4), FormDefinition.class), row.getTimestamp(5).toInstant(),
                row.getTimestamp(6).toInstant());
    }
}
