package io.firstparty.consent.ledger.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.rest.RecordConsentRequest;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Consent a privacy officer records from outside (GDPR Art. 7(1): the brand must be able to prove
 * it): the text the person saw must be one the purpose really showed, the time must not be in the
 * future, and the same evidence recorded twice is one record.
 */
@ApplicationScoped
public class OfficerRecords {

    private static final Set<ConsentAction> DECISIONS =
            EnumSet.of(ConsentAction.GRANT, ConsentAction.REFUSE, ConsentAction.WITHDRAW, ConsentAction.OBJECT);
    private static final Set<Channel> CHANNELS = EnumSet.of(Channel.PRIVACY_OFFICER, Channel.IMPORT,
            Channel.WEB_FORM, Channel.EMAIL_LINK, Channel.IN_APP);
    private static final int MAX_TEXT = 200;

    private final People people;
    private final PurposeService purposes;
    private final Ledger ledger;
    private final ConsentRecorder recorder;
    private final ConsentConfig config;

    OfficerRecords(People people, PurposeService purposes, Ledger ledger, ConsentRecorder recorder, ConsentConfig config) {
        this.people = people;
        this.purposes = purposes;
        this.ledger = ledger;
        this.recorder = recorder;
        this.config = config;
    }

    @Transactional
    public ConsentRecorder.Recorded record(String profileId, RecordConsentRequest request, String officer) {
        if (request == null) {
            throw new InvalidInputException("", "a consent decision is required");
        }
        String person = people.requireKnown(profileId);
        Purpose purpose = purposes.require("/purpose", request.purpose());
        List<Violation> violations = new ArrayList<>();
        ConsentAction action = parse(violations, "/action", request.action(), DECISIONS,
                "must be one of grant, refuse, withdraw, object");
        Channel channel = request.channel() == null ? Channel.PRIVACY_OFFICER
                : parse(violations, "/channel", request.channel(), CHANNELS,
                "must be one of privacy_officer, import, web_form, email_link, in_app");
        if (request.occurredAt() == null) {
            violations.add(new Violation("/occurredAt", "is required"));
        } else if (request.occurredAt().isAfter(Instant.now().plus(config.clockSkew()))) {
            violations.add(new Violation("/occurredAt", "must not be in the future"));
        }
        int version = request.textVersion() != null ? request.textVersion() : purpose.version;
        PurposeText text = PurposeText.find(purpose.code, version);
        if (text == null) {
            violations.add(new Violation("/textVersion", "must be a version of the purpose's text, 1 to " + purpose.version));
        } else if (!Sha256.looksLikeOne(request.textHash())) {
            violations.add(new Violation("/textHash", "is required: the SHA-256 (hex) of the text the person saw"));
        } else if (!text.shows(request.textHash())) {
            violations.add(new Violation("/textHash", "does not match the purpose's text of version " + version));
        }
        if (request.evidenceRef() == null || request.evidenceRef().isBlank() || request.evidenceRef().length() > MAX_TEXT) {
            violations.add(new Violation("/evidenceRef", "is required, at most " + MAX_TEXT + " characters"));
        }
        if (request.method() != null && request.method().length() > MAX_TEXT) {
            violations.add(new Violation("/method", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String evidenceKey = "officer:" + request.evidenceRef() + ":" + purpose.code;
        Optional<LedgerRecord> earlier = ledger.byEvidence(evidenceKey);
        if (earlier.isPresent() && !sameDecision(earlier.get(), people.chainsOf(person), action, request)) {
            throw new ConflictException("this evidence reference is already on record with a different decision");
        }
        NewRecord decision = NewRecord.decision(purpose.code, action, request.occurredAt(), channel,
                request.method() != null ? request.method() : "recorded_by_officer", officer, evidenceKey,
                new NewRecord.Evidence(Integer.toString(version), request.textHash().toLowerCase(Locale.ROOT), null));
        return recorder.record(person, List.of(decision)).get(0);
    }

    private static boolean sameDecision(LedgerRecord earlier, List<String> chains, ConsentAction action,
                                        RecordConsentRequest request) {
        return earlier.action == action && earlier.textHash.equalsIgnoreCase(request.textHash())
                && Objects.equals(earlier.occurredAt, request.occurredAt().truncatedTo(ChronoUnit.MICROS))
                && chains.contains(earlier.profileId);
    }

    private static <E extends Enum<E>> E parse(List<Violation> violations, String field, String code, Set<E> allowed,
                                               String rule) {
        for (E value : allowed) {
            if (value.name().toLowerCase(Locale.ROOT).equals(code)) {
                return value;
            }
        }
        violations.add(new Violation(field, rule));
        return null;
    }
}
