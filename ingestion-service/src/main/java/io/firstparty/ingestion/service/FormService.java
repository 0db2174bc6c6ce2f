package io.firstparty.ingestion.service;

import io.firstparty.contracts.events.Violation;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.FormDefinition;
import io.firstparty.ingestion.repository.FormRepository;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Defines a source's web forms and replaces their definitions. */
@ApplicationScoped
public class FormService {

    private final FormRepository forms;
    private final SourceService sources;

    FormService(FormRepository forms, SourceService sources) {
        this.forms = forms;
        this.sources = sources;
    }

    @Transactional
    public Form create(UUID sourceId, FormDefinition definition) throws SQLException {
        check(sourceId, definition);
        return forms.insert(sourceId, definition, Form.consentTexts(definition, Map.of()));
    }

    public List<Form> list(UUID sourceId) throws SQLException {
        sources.get(sourceId);
        return forms.findBySource(sourceId);
    }

    public Form get(UUID id) throws SQLException {
        return find(id).orElseThrow(() -> new ResourceNotFoundException("no form with this id"));
    }

    public Optional<Form> find(UUID id) throws SQLException {
        return forms.findForm(id);
    }

    /** A new definition, whole; the version counts up so events name the definition they came through. */
    @Transactional
    public Form replace(UUID id, FormDefinition definition) throws SQLException {
        Form before = forms.lock(id).orElseThrow(() -> new ResourceNotFoundException("no form with this id"));
        check(before.sourceId(), definition);
        return forms.replace(id, definition, Form.consentTexts(definition, before.consentTexts()));
    }

    /** The form as HTML for a brand's page, posting to {@code action}. */
    public String embed(UUID id, String action) throws SQLException {
        return FormEmbed.html(get(id), action);
    }

    private void check(UUID sourceId, FormDefinition definition) throws SQLException {
        List<Violation> violations = FormDefinitionRules.check(definition, sources.get(sourceId));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
