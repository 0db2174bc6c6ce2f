package io.firstparty.consent.access.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.consent.campaigns.service.NoticeRecords;
import io.firstparty.consent.ledger.rest.LedgerEntry;
import io.firstparty.consent.ledger.service.Ledger;
import io.firstparty.consent.people.domain.Person;
import io.firstparty.consent.people.service.Contacts;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.state.rest.Choice;
import io.firstparty.consent.state.service.PreferenceCentre;
import io.firstparty.contracts.events.AccessPartDelivered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The consent service's own part of an access request: for each person the request resolved to, the
 * ledger (every record of their chains and of the profiles merged into them), their current standing
 * per purpose, the notices served to them and the contact details kept to send notices.
 */
@ApplicationScoped
public class ConsentPart {

    public static final String SERVICE = "consent-service";

    /** What one person's section holds. */
    public record PersonSection(String profileId, List<String> profiles, Contacts.Contact contact,
                                List<Choice> consents, List<LedgerEntry> ledger, List<NoticeRecords.Served> notices) {
    }

    private final People people;
    private final Ledger ledger;
    private final PreferenceCentre centre;
    private final NoticeRecords notices;
    private final Contacts contacts;
    private final ObjectMapper mapper;

    ConsentPart(People people, Ledger ledger, PreferenceCentre centre, NoticeRecords notices, Contacts contacts,
                ObjectMapper mapper) {
        this.people = people;
        this.ledger = ledger;
        this.centre = centre;
        this.notices = notices;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /** The part as chunks ready to store, for the profiles named (each answers as the person holding it now). */
    @Transactional
    public List<AccessPartDelivered> of(String requestId, Collection<String> profileIds) {
        Set<String> persons = new LinkedHashSet<>();
        for (String profileId : profileIds) {
            String person = people.personOf(profileId);
            if (Person.findById(person) != null) {
                persons.add(person);
            }
        }
        List<PersonSection> sections = new ArrayList<>();
        long records = 0;
        long served = 0;
        try {
            for (String person : persons) {
                List<String> chains = people.chainsOf(person);
                List<LedgerEntry> entries = ledger.history(chains).stream()
                        .map(record -> LedgerEntry.of(record, false)).toList();
                List<NoticeRecords.Served> noticesServed = notices.of(chains);
                records += entries.size();
                served += noticesServed.size();
                sections.add(new PersonSection(person, chains, contacts.of(person).orElse(null), centre.choices(person),
                        entries, noticesServed));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("people", (long) sections.size());
            counts.put("ledgerRecords", records);
            counts.put("noticesServed", served);
            String outcome = sections.isEmpty() ? AccessPartDelivered.NOTHING_HELD : AccessPartDelivered.DELIVERED;
            String json = mapper.writeValueAsString(Map.of("people", sections));
            return AccessPartDelivered.chunked(requestId, SERVICE, UUID.randomUUID().toString(), outcome,
                    List.copyOf(persons), counts, json, sections.isEmpty() ? "no consent record of this person" : null,
                    Instant.now());
        } catch (SQLException | JsonProcessingException e) {
            return AccessPartDelivered.chunked(requestId, SERVICE, UUID.randomUUID().toString(),
                    AccessPartDelivered.FAILED, List.copyOf(persons), Map.of(), null,
                    "the consent records could not be read", Instant.now());
        }
    }
}
