package io.firstparty.consent.purposes.service;

import io.firstparty.consent.purposes.domain.Purpose;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The purposes as the check API reads them on every request: loaded from the database at most once
 * a second per replica, so a purpose defined or changed on any replica counts everywhere a second later.
 */
@ApplicationScoped
public class PurposeCatalogue {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Snapshot(Map<String, Purpose> byCode, long loadedAt) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);

    public Optional<Purpose> find(String code) {
        Snapshot current = snapshot;
        if (System.nanoTime() - current.loadedAt() > FRESH_NANOS || !current.byCode().containsKey(code)) {
            current = reload();
        }
        return Optional.ofNullable(current.byCode().get(code));
    }

    private Snapshot reload() {
        Map<String, Purpose> byCode = QuarkusTransaction.requiringNew().call(() -> Purpose.<Purpose>listAll().stream()
                .collect(Collectors.toUnmodifiableMap(purpose -> purpose.code, Function.identity())));
        Snapshot loaded = new Snapshot(byCode, System.nanoTime());
        snapshot = loaded;
        return loaded;
    }
}
