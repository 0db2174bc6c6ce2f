package io.firstparty.consent.objection.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.objection.rest.ObjectionImportLine;
import io.firstparty.consent.objection.rest.ObjectionImportResult;
import io.firstparty.consent.people.domain.Person;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Imports objections received earlier through other channels. Each line becomes a ledger record of
 * channel {@code import} and method {@code import}, at the time it was received, with the channel it
 * came through as its source; a line naming an identifier nobody holds yet waits for its person. The
 * evidence reference (with the purpose) is the record's key: importing it again is a no-op reported as
 * {@code already_recorded}. A batch with any wrong line records nothing: the 400 names every wrong
 * field by its JSON pointer.
 */
@ApplicationScoped
public class ObjectionImports {

    private static final Logger LOG = Logger.getLogger(ObjectionImports.class);
    static final String METHOD = "import";
    static final Set<String> CHANNELS = Set.of("letter", "mailbox", "legacy_form", "phone", "in_person", "other");
    private static final int MAX_TEXT = 200;

    private final People people;
    private final PendingObjections objections;
    private final ConsentRecorder recorder;
    private final IdentifierNormalizer normalizer;
    private final ConsentConfig config;

    ObjectionImports(People people, PendingObjections objections, ConsentRecorder recorder,
                     IdentifierNormalizer normalizer, ConsentConfig config) {
        this.people = people;
        this.objections = objections;
        this.recorder = recorder;
        this.normalizer = normalizer;
        this.config = config;
    }

    /** A line checked: whom it names (a person, or an identifier's hash) and the decision to record. */
    private record Checked(String pointer, String person, String identifierHash, NewRecord objection) {
    }

    @Transactional
    public ObjectionImportResult importAll(List<ObjectionImportLine> lines, String officer) {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidInputException("", "must be a JSON array of at least one objection");
        }
        int max = config.objection().maxImport();
        if (lines.size() > max) {
            throw new PayloadTooLargeException("", "at most " + max + " objections per import (this one has "
                    + lines.size() + "): split it");
        }
        List<Violation> violations = new ArrayList<>();
        List<Checked> checked = new ArrayList<>(lines.size());
        Instant latest = Instant.now().plus(config.clockSkew());
        for (int i = 0; i < lines.size(); i++) {
            Checked line = check("/" + i, lines.get(i), latest, violations);
            if (line != null) {
                checked.add(line);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        List<ObjectionImportResult.Line> results = new ArrayList<>(checked.size());
        int recorded = 0;
        int pending = 0;
        int replayed = 0;
        for (Checked line : checked) {
            PendingObjections.Outcome outcome;
            if (line.person() != null) {
                ConsentRecorder.Recorded done = recorder.record(line.person(), List.of(line.objection())).get(0);
                outcome = new PendingObjections.Outcome(done.record().id, done.record().profileId, false, done.replayed());
            } else {
                outcome = objections.record(line.identifierHash(), line.objection());
            }
            String result;
            if (outcome.replayed()) {
                result = "already_recorded";
                replayed++;
            } else if (outcome.pending()) {
                result = "pending";
                pending++;
            } else {
                result = "recorded";
                recorded++;
            }
            results.add(new ObjectionImportResult.Line(line.pointer(), result, outcome.recordId(), outcome.person()));
        }
        LOG.infof("objection import by %s: %d recorded, %d pending, %d already on record", officer, recorded, pending,
                replayed);
        return new ObjectionImportResult(recorded, pending, replayed, results);
    }

    private Checked check(String pointer, ObjectionImportLine line, Instant latest, List<Violation> violations) {
        if (line == null) {
            violations.add(new Violation(pointer, "must be an objection object"));
            return null;
        }
        int before = violations.size();
        String person = null;
        String identifierHash = null;
        boolean byIdentifier = line.identifier() != null;
        if (byIdentifier == (line.profileId() != null)) {
            violations.add(new Violation(pointer, "must name either identifier (type:value) or profileId, not both"));
        } else if (byIdentifier) {
            try {
                Identifier identifier = IdentifierParameter.parse(pointer + "/identifier", line.identifier(), normalizer);
                identifierHash = identifier.hash();
            } catch (InvalidInputException e) {
                violations.addAll(e.violations());
            }
        } else {
            person = people.personOf(line.profileId());
            if (Person.findById(person) == null) {
                violations.add(new Violation(pointer + "/profileId", "no person with this profile id has been resolved"));
            }
        }
        Purpose purpose = line.purpose() == null ? null : Purpose.findById(line.purpose());
        if (purpose == null) {
            violations.add(new Violation(pointer + "/purpose", "must be a purpose of the catalogue"));
        } else if (purpose.lawfulBasis != LawfulBasis.LEGITIMATE_INTEREST) {
            violations.add(new Violation(pointer + "/purpose",
                    "must be a legitimate-interest purpose: a consent is withdrawn, not objected to"));
        }
        Instant receivedAt = null;
        if (line.receivedAt() == null) {
            violations.add(new Violation(pointer + "/receivedAt", "is required"));
        } else {
            try {
                receivedAt = Instant.parse(line.receivedAt());
                if (receivedAt.isAfter(latest)) {
                    violations.add(new Violation(pointer + "/receivedAt", "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation(pointer + "/receivedAt",
                        "must be an ISO-8601 instant such as 2024-03-01T09:30:00Z"));
            }
        }
        if (line.channel() == null || !CHANNELS.contains(line.channel())) {
            violations.add(new Violation(pointer + "/channel",
                    "must be one of letter, mailbox, legacy_form, phone, in_person, other"));
        }
        if (line.evidenceRef() == null || line.evidenceRef().isBlank() || line.evidenceRef().length() > MAX_TEXT) {
            violations.add(new Violation(pointer + "/evidenceRef", "is required, at most " + MAX_TEXT + " characters"));
        }
        if (violations.size() > before) {
            return null;
        }
        NewRecord objection = NewRecord.decision(purpose.code, ConsentAction.OBJECT, receivedAt, Channel.IMPORT, METHOD,
                line.channel(), "import:" + line.evidenceRef() + ":" + purpose.code, NewRecord.Evidence.NONE);
        return new Checked(pointer, person, identifierHash, objection);
    }
}
