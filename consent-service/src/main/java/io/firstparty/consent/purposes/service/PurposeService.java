package io.firstparty.consent.purposes.service;

import io.firstparty.consent.messaging.RecordPublisher;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.rest.PurposeRequest;
import io.firstparty.consent.purposes.rest.PurposeView;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.events.PurposeDefined;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Purposes and their texts. Every definition and change is published on the compacted purposes
 * topic before it is committed, so other services always know which purposes fail closed.
 */
@ApplicationScoped
public class PurposeService {

    private final RecordPublisher publisher;
    private final PurposeCatalogue catalogue;

    PurposeService(RecordPublisher publisher, PurposeCatalogue catalogue) {
        this.publisher = publisher;
        this.catalogue = catalogue;
    }

    @Transactional
    public List<PurposeView> list() {
        return Purpose.<Purpose>listAll(Sort.by("code")).stream().map(this::view).toList();
    }

    @Transactional
    public List<Purpose> all() {
        return Purpose.listAll(Sort.by("code"));
    }

    @Transactional
    public PurposeView view(String code) {
        return view(Purpose.<Purpose>findByIdOptional(code)
                .orElseThrow(() -> new ResourceNotFoundException("no purpose with this code")));
    }

    /** The purpose a request names, or a 400 naming the field. */
    @Transactional
    public Purpose require(String field, String code) {
        return known(field, code == null ? null : Purpose.findById(code));
    }

    /** As {@link #require}, from the catalogue (up to a second old): the check API's path, without a round trip. */
    public Purpose requireForCheck(String field, String code) {
        return known(field, code == null ? null : catalogue.find(code).orElse(null));
    }

    private Purpose known(String field, Purpose purpose) {
        if (purpose == null) {
            throw new InvalidInputException(field, "must be a defined purpose, one of "
                    + all().stream().map(known -> known.code).collect(Collectors.joining(", ")));
        }
        return purpose;
    }

    @Transactional
    public PurposeView create(PurposeRequest request) {
        LawfulBasis basis = PurposeRules.check(request, true);
        if (Purpose.findById(request.code()) != null) {
            throw new ConflictException("a purpose with this code exists; change it with PUT");
        }
        Purpose purpose = new Purpose();
        purpose.code = request.code();
        purpose.version = 1;
        apply(purpose, request, basis);
        purpose.persist();
        return view(keepText(purpose));
    }

    @Transactional
    public PurposeView update(String code, PurposeRequest request) {
        Purpose purpose = Purpose.<Purpose>findByIdOptional(code)
                .orElseThrow(() -> new ResourceNotFoundException("no purpose with this code"));
        LawfulBasis basis = PurposeRules.check(request, false);
        boolean textChanged = !Objects.equals(purpose.textEn, request.text().en())
                || !Objects.equals(purpose.textFr, request.text().fr())
                || purpose.lawfulBasis != basis;
        apply(purpose, request, basis);
        if (textChanged) {
            purpose.version++;
            keepText(purpose);
        } else {
            publish(purpose);
        }
        return view(purpose);
    }

    /** Publishes every purpose, as at start-up, so that a new compacted topic holds them all. */
    @Transactional
    public void publishAll() {
        all().forEach(this::publish);
    }

    /**
     * Holds the purpose back until {@code startsAt} (a notice period) and republishes it. A date people
     * were already told is never brought forward: the later one holds.
     */
    @Transactional
    public void holdUntil(Purpose purpose, Instant startsAt) {
        if (purpose.processingStartsAt == null || startsAt.isAfter(purpose.processingStartsAt)) {
            purpose.processingStartsAt = startsAt;
        }
        publish(purpose);
    }

    private void apply(Purpose purpose, PurposeRequest request, LawfulBasis basis) {
        purpose.name = request.name();
        purpose.lawfulBasis = basis;
        purpose.textEn = request.text().en();
        purpose.textFr = request.text().fr();
        purpose.consentLifetimeMonths = request.consentLifetimeMonths() != null
                ? request.consentLifetimeMonths() : PurposeRules.DEFAULT_LIFETIME_MONTHS;
        purpose.reaskDelayMonths = request.reaskDelayMonths() != null
                ? request.reaskDelayMonths() : PurposeRules.DEFAULT_REASK_MONTHS;
        purpose.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Purpose keepText(Purpose purpose) {
        PurposeText text = new PurposeText();
        text.purposeCode = purpose.code;
        text.version = purpose.version;
        text.textEn = purpose.textEn;
        text.textFr = purpose.textFr;
        text.hashEn = Sha256.hex(purpose.textEn);
        text.hashFr = Sha256.hex(purpose.textFr);
        text.definedAt = purpose.updatedAt;
        text.persist();
        publish(purpose);
        return purpose;
    }

    private void publish(Purpose purpose) {
        publisher.publish(Topics.CONSENT_PURPOSES, new PurposeDefined(PurposeDefined.CURRENT_VERSION,
                purpose.code, purpose.lawfulBasis, purpose.version, purpose.processingStartsAt, purpose.updatedAt));
    }

    private PurposeView view(Purpose purpose) {
        return PurposeView.of(purpose, PurposeText.find(purpose.code, purpose.version));
    }
}
