package io.firstparty.ingestion.service;

import io.firstparty.ingestion.domain.NewSource;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.SourceChanged;
import io.firstparty.ingestion.domain.SourceCreated;
import io.firstparty.ingestion.domain.SourceStats;
import io.firstparty.ingestion.domain.WriteKey;
import io.firstparty.ingestion.repository.ArchiveRepository;
import io.firstparty.ingestion.repository.SourceRepository;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Creates sources, rotates their keys, turns them off and on. */
@ApplicationScoped
public class SourceService {

    private final SourceRepository sources;
    private final ArchiveRepository archive;
    private final WriteKeyAuthenticator authenticator;
    private final Event<SourceChanged> changes;

    SourceService(SourceRepository sources, ArchiveRepository archive, WriteKeyAuthenticator authenticator,
                  Event<SourceChanged> changes) {
        this.sources = sources;
        this.archive = archive;
        this.authenticator = authenticator;
        this.changes = changes;
    }

    @Transactional
    public SourceCreated create(NewSource request) {
        if (sources.exists(request.brand(), request.name())) {
            throw new ConflictException("the brand already has a source with this name");
        }
        WriteKey key = WriteKey.generate();
        UUID id = sources.insert(request, key);
        changes.fire(new SourceChanged(id));
        return new SourceCreated(get(id), key.secret());
    }

    public List<Source> list() {
        return sources.list();
    }

    public Source get(UUID id) {
        return sources.findSource(id).orElseThrow(() -> new ResourceNotFoundException("no source with this id"));
    }

    public SourceStats stats(UUID id) throws SQLException {
        get(id);
        return archive.stats(id);
    }

    /** A new key; the old one stops working at once, on every replica within the key cache's lifetime. */
    @Transactional
    public SourceCreated rotateKey(UUID id) {
        get(id);
        WriteKey key = WriteKey.generate();
        sources.replaceKey(id, key);
        authenticator.forgetSource(id);
        return new SourceCreated(get(id), key.secret());
    }

    @Transactional
    public Source setEnabled(UUID id, boolean enabled) {
        if (!sources.setEnabled(id, enabled)) {
            throw new ResourceNotFoundException("no source with this id");
        }
        authenticator.forgetSource(id);
        changes.fire(new SourceChanged(id));
        return get(id);
    }
}
