package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firstparty.ingestion.domain.ConsentText;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.kit.persistence.JsonColumn;
import io.firstparty.kit.persistence.Queries;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FormRepository {

    private static final String COLUMNS = "id, source_id, version, definition::text, consent_texts::text, created_at, updated_at";

    private static final TypeReference<Map<String, ConsentText>> CONSENT_TEXTS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    FormRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new form under a random, unguessable id. */
    public Form insert(UUID sourceId, FormDefinition definition, Map<String, ConsentText> consentTexts)
            throws SQLException {
        return query("INSERT INTO form (id, source_id, definition, consent_texts) VALUES (?, ?, ?::jsonb, ?::jsonb)"
                        + " RETURNING " + COLUMNS,
                UUID.randomUUID(), sourceId, JsonColumn.write(definition), JsonColumn.write(consentTexts)).get(0);
    }

    /**
     * Replaces the definition of the form at version {@code before} and counts the version up; empty
     * when the form is gone or another replacement came first (its consent labels were versioned
     * against a definition that is no longer the latest).
     */
    public Optional<Form> replace(UUID id, int before, FormDefinition definition, Map<String, ConsentText> consentTexts)
            throws SQLException {
        return query("UPDATE form SET definition = ?::jsonb, consent_texts = ?::jsonb, version = version + 1,"
                        + " updated_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS,
                JsonColumn.write(definition), JsonColumn.write(consentTexts), id, before).stream().findFirst();
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
                JsonColumn.read(row.getString(4), FormDefinition.class), JsonColumn.read(row.getString(5), CONSENT_TEXTS),
                row.getTimestamp(6).toInstant(), row.getTimestamp(7).toInstant());
    }
}
