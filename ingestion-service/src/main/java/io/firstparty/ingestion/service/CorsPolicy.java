package io.firstparty.ingestion.service;

import io.firstparty.ingestion.config.CollectionConfig;
import io.firstparty.ingestion.domain.Form;
import io.firstparty.ingestion.domain.Source;
import io.firstparty.ingestion.domain.SourceChanged;
import io.firstparty.kit.problem.DependencyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which web origins may call the collection API and the forms from a browser script: the origins
 * the sources list, and no others.
 */
@ApplicationScoped
public class CorsPolicy {

    private static final Logger LOG = Logger.getLogger(CorsPolicy.class);

    private final SourceService sources;
    private final FormService forms;
    private final Duration ttl;
    private volatile KnownOrigins known = new KnownOrigins(Set.of(), System.nanoTime());

    CorsPolicy(SourceService sources, FormService forms, CollectionConfig config) {
        this.sources = sources;
        this.forms = forms;
        this.ttl = config.keyCacheTtl();
    }

    /**
     * A collection call's preflight carries no write key, so an origin passes when any enabled source
     * allows it; the call itself is then checked against its own source's origins. The origins are
     * remembered as long as write keys are, so preflights do not read the database.
     */
    public boolean allowsCollection(String origin) {
        return knownOrigins().contains(origin);
    }

    /** A form names its source, so only that source's origins pass. */
    public boolean allowsForm(String formId, String origin) {
        try {
            Optional<Form> form = forms.find(UUID.fromString(formId));
            return form.isPresent() && sources.get(form.get().sourceId()).allowsOrigin(origin);
        } catch (IllegalArgumentException e) {
            return false;
        } catch (SQLException | PersistenceException e) {
            throw new DependencyUnavailableException("forms cannot be read right now", Duration.ofSeconds(5));
        }
    }

    /**
     * A source of this replica's making passes at once; other replicas learn of it when their memory
     * expires. The origins are only marked expired, so they still serve if the database is away.
     */
    void forgetOrigins(@Observes SourceChanged change) {
        known = new KnownOrigins(known.origins, System.nanoTime());
    }

    private Set<String> knownOrigins() {
        KnownOrigins current = known;
        long now = System.nanoTime();
        if (current.expiresAt - now > 0) {
            return current.origins;
        }
        Set<String> origins = current.origins;
        try {
            origins = sources.list().stream().filter(Source::enabled)
                    .flatMap(source -> source.allowedOrigins().stream())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (PersistenceException e) {
            // Browsers keep calling while the database is away; the last known origins serve until it is back.
            LOG.warnf("Allowed origins could not be read, the last known ones stay in use: %s", e.getMessage());
        }
        known = new KnownOrigins(origins, now + ttl.toNanos());
        return origins;
    }

    private record KnownOrigins(Set<String> origins, long expiresAt) {
    }
}
