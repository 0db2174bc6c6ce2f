package io.firstparty.ingestion.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firstparty.ingestion.domain.ConsentText;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.kit.persistence.JsonColumn;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Web forms. Callers hold the transaction. */
@ApplicationScoped
public class FormRepository implements PanacheRepositoryBase<FormEntity, UUID> {

    private static final TypeReference<Map<String, ConsentText>> CONSENT_TEXTS = new TypeReference<>() {
    };

    /** Stores a new form under a random, unguessable id. */
    public Form insert(UUID sourceId, FormDefinition definition, Map<String, ConsentText> consentTexts)
            throws SQLException {
        FormEntity entity = new FormEntity();
        entity.id = UUID.randomUUID();
        entity.sourceId = sourceId;
        entity.version = 1;
        entity.createdAt = Instant.now();
        persist(write(entity, definition, consentTexts));
        return form(entity);
    }

    /** The form, its row locked until the transaction ends, so that replacements happen one after another. */
    public Optional<Form> lock(UUID id) throws SQLException {
        FormEntity entity = findById(id, LockModeType.PESSIMISTIC_WRITE);
        return entity == null ? Optional.empty() : Optional.of(form(entity));
    }

    /** Replaces the definition of a form {@link #lock locked} in this transaction and counts the version up. */
    public Form replace(UUID id, FormDefinition definition, Map<String, ConsentText> consentTexts) throws SQLException {
        FormEntity entity = write(findById(id), definition, consentTexts);
        entity.version++;
        return form(entity);
    }

    public Optional<Form> findForm(UUID id) throws SQLException {
        FormEntity entity = findById(id);
        return entity == null ? Optional.empty() : Optional.of(form(entity));
    }

    public List<Form> findBySource(UUID sourceId) throws SQLException {
        List<Form> forms = new ArrayList<>();
        for (FormEntity entity : list("sourceId = ?1 order by createdAt", sourceId)) {
            forms.add(form(entity));
        }
        return forms;
    }

    private static FormEntity write(FormEntity entity, FormDefinition definition, Map<String, ConsentText> consentTexts)
            throws SQLException {
        entity.definition = JsonColumn.write(definition);
        entity.consentTexts = JsonColumn.write(consentTexts);
        entity.updatedAt = Instant.now();
        return entity;
    }

    private static Form form(FormEntity entity) throws SQLException {
        return new Form(entity.id, entity.sourceId, entity.version, JsonColumn.read(entity.definition, FormDefinition.class),
                JsonColumn.read(entity.consentTexts, CONSENT_TEXTS), entity.createdAt, entity.updatedAt);
    }
}
