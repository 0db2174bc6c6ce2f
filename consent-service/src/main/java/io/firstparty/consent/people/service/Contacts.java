package io.firstparty.consent.people.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach a person with a notice: the e-mail address their events carry, the language they use
 * (the event's {@code context.locale}, French or English) and the sources they were seen through. The
 * address is the only contact detail the service keeps; erasure deletes it with the person.
 */
@ApplicationScoped
public class Contacts {

    public static final String DEFAULT_LANGUAGE = "en";
    private static final Set<String> LANGUAGES = Set.of("en", "fr");

    private final EntityManager entityManager;

    Contacts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A person's address (if known) and language. */
    public record Contact(String email, String language) {
    }

    @Transactional
    public void learn(String profileId, EventAccepted event, Collection<Identifier> identifiers, Instant at) {
        if (event != null && event.sourceId() != null) {
            entityManager.createNativeQuery("""
                            INSERT INTO person_source (profile_id, source_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                    .setParameter(1, profileId).setParameter(2, event.sourceId()).executeUpdate();
        }
        Optional<String> email = emailOf(event, identifiers);
        Optional<String> language = languageOf(event);
        if (email.isEmpty() && language.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO contact (profile_id, email, language, updated_at) VALUES (?1, ?2, COALESCE(?3, 'en'), ?4)
                        ON CONFLICT (profile_id) DO UPDATE SET email = COALESCE(EXCLUDED.email, contact.email),
                            language = COALESCE(?3, contact.language), updated_at = EXCLUDED.updated_at
                        WHERE contact.email IS DISTINCT FROM COALESCE(EXCLUDED.email, contact.email)
                           OR contact.language IS DISTINCT FROM COALESCE(?3, contact.language)""")
                .setParameter(1, profileId)
                .setParameter(2, email.orElse(null))
                .setParameter(3, language.orElse(null))
                .setParameter(4, at)
                .executeUpdate();
    }

    @Transactional
    public Optional<Contact> of(String profileId) {
        List<?> rows = entityManager.createNativeQuery("SELECT email, language FROM contact WHERE profile_id = ?1")
                .setParameter(1, profileId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Contact((String) columns[0], (String) columns[1]);
        });
    }

    /** The survivor keeps its own address, or takes the absorbed profile's, and every source either was seen through. */
    @Transactional
    public void merge(String absorbedId, String survivorId) {
        entityManager.createNativeQuery("""
                        INSERT INTO person_source (profile_id, source_id)
                        SELECT ?2, source_id FROM person_source WHERE profile_id = ?1 ON CONFLICT DO NOTHING""")
                .setParameter(1, absorbedId).setParameter(2, survivorId).executeUpdate();
        entityManager.createNativeQuery("""
                        INSERT INTO contact (profile_id, email, language, updated_at)
                        SELECT ?2, email, language, updated_at FROM contact WHERE profile_id = ?1
                        ON CONFLICT (profile_id) DO UPDATE SET email = COALESCE(contact.email, EXCLUDED.email)""")
                .setParameter(1, absorbedId).setParameter(2, survivorId).executeUpdate();
    }

    /** Erasure: the addresses, languages and sources of these profiles. */
    @Transactional
    /** @return how many contact rows were deleted */
    public long forget(List<String> profileIds) {
        return entityManager.createNativeQuery("DELETE FROM contact WHERE profile_id IN (?1)")
                .setParameter(1, profileIds).executeUpdate()
                + entityManager.createNativeQuery("DELETE FROM person_source WHERE profile_id IN (?1)")
                .setParameter(1, profileIds).executeUpdate();
    }

    /** The address the event itself carries, else one the profile is known by. */
    private static Optional<String> emailOf(EventAccepted event, Collection<Identifier> identifiers) {
        Optional<String> own = event == null ? Optional.empty() : firstEmail(event.identifiers());
        return own.isPresent() ? own : firstEmail(identifiers);
    }

    private static Optional<String> firstEmail(Collection<Identifier> identifiers) {
        return identifiers.stream().filter(identifier -> identifier.type() == IdentifierType.EMAIL)
                .map(Identifier::value).findFirst();
    }

    /** {@code context.locale} as the SDKs send it ({@code fr-FR}), or a {@code locale} trait. */
    static Optional<String> languageOf(EventAccepted event) {
        if (event == null) {
            return Optional.empty();
        }
        return textAt(event.context(), "locale").or(() -> textAt(event.traits(), "locale"))
                .map(locale -> locale.split("[-_]", 2)[0].toLowerCase(Locale.ROOT))
                .map(language -> LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE);
    }

    private static Optional<String> textAt(JsonNode node, String field) {
        return node != null && node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
    }
}
