package io.firstparty.profile.resolution.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.EventType;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.contracts.identity.InvalidIdentifierException;
import io.firstparty.profile.config.ResolutionConfig;
import io.firstparty.profile.resolution.domain.EventIdentifiers;
import io.firstparty.profile.resolution.domain.Rejection;
import io.firstparty.profile.rules.domain.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the identifiers of an event and checks them again: ingestion normalised them, but a record
 * from an older producer or a replay must not link people through a value that is not what it claims.
 * Declared types come from {@code context.externalIds} (Segment's shape) and from the trait names
 * the external rule declares.
 */
@ApplicationScoped
public class IdentifierExtractor {

    private final IdentifierNormalizer normalizer;
    private final ResolutionConfig config;

    IdentifierExtractor(IdentifierNormalizer normalizer, ResolutionConfig config) {
        this.normalizer = normalizer;
        this.config = config;
    }

    public EventIdentifiers extract(EventAccepted event, RuleSet rules) {
        List<Rejection> rejected = new ArrayList<>();
        Set<Identifier> found = new LinkedHashSet<>();
        for (Identifier offered : event.identifiers()) {
            check(event, offered.type(), offered.value(), rules, rejected).ifPresent(identifier -> {
                if (!identifier.equals(offered)) {
                    rejected.add(Rejection.of(event.messageId(), offered.type(), "not normalised as at ingestion"));
                } else {
                    found.add(identifier);
                }
            });
        }
        for (String declared : declaredIds(event, rules)) {
            check(event, IdentifierType.EXTERNAL, declared, rules, rejected).ifPresent(found::add);
        }
        List<Identifier> linkable = new ArrayList<>(found);
        if (linkable.size() > config.maxIdentifiersPerEvent()) {
            linkable.removeIf(identifier -> {
                boolean dropped = identifier.type() != IdentifierType.USER_ID && identifier.type() != IdentifierType.ANONYMOUS_ID;
                if (dropped) {
                    rejected.add(Rejection.of(event.messageId(), identifier.type(),
                            "an event may carry at most " + config.maxIdentifiersPerEvent() + " identifiers"));
                }
                return dropped;
            });
        }
        Optional<String> previousId = event.type() == EventType.ALIAS && event.previousId() != null
                && !event.previousId().isBlank() ? Optional.of(event.previousId().strip()) : Optional.empty();
        return new EventIdentifiers(linkable, previousId, rejected);
    }

    private Optional<Identifier> check(EventAccepted event, IdentifierType type, String raw, RuleSet rules,
                                       List<Rejection> rejected) {
        try {
            Identifier identifier = normalizer.normalize(type, raw);
            if (rules.blocked(identifier)) {
                rejected.add(Rejection.of(event.messageId(), type, "blocked value"));
                return Optional.empty();
            }
            return Optional.of(identifier);
        } catch (InvalidIdentifierException e) {
            rejected.add(Rejection.of(event.messageId(), type, e.rule()));
            return Optional.empty();
        }
    }

    /** {@code declaredType:id} from {@code context.externalIds} and from declared trait names. */
    private static List<String> declaredIds(EventAccepted event, RuleSet rules) {
        List<String> declared = new ArrayList<>();
        JsonNode externalIds = event.context() == null ? null : event.context().get("externalIds");
        if (externalIds != null && externalIds.isArray()) {
            for (JsonNode external : externalIds) {
                JsonNode type = external.get("type");
                JsonNode id = external.get("id");
                if (type != null && id != null && type.isTextual() && (id.isTextual() || id.isNumber())) {
                    declared.add(type.asText() + ":" + id.asText());
                } else {
                    declared.add("");
                }
            }
        }
        for (String trait : rules.of(IdentifierType.EXTERNAL).declaredTraits()) {
            for (JsonNode traits : new JsonNode[]{event.traits(), event.context() == null ? null : event.context().get("traits")}) {
                JsonNode value = traits == null ? null : traits.get(trait);
                if (value != null && (value.isTextual() || value.isNumber())) {
                    declared.add(trait + ":" + value.asText());
                }
            }
        }
        return declared;
    }
}
