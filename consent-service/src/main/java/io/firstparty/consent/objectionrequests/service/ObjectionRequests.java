package io.firstparty.consent.objectionrequests.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.objectionrequests.domain.ObjectionRequest;
import io.firstparty.consent.objectionrequests.rest.ObjectionRequestBody;
import io.firstparty.consent.objectionrequests.rest.ObjectionRequestStatus;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Objection requests (GDPR Art. 21): the objection is recorded in the ledger for each purpose named,
 * or for every legitimate-interest purpose, through the one recorder that appends, derives the state
 * and publishes it; so the request is complete as soon as it is filed. Each record's evidence key
 * names the request and purpose, so filing is idempotent per request.
 */
@ApplicationScoped
public class ObjectionRequests {

    private static final String METHOD = "objection_request";
    private static final int MAX_PURPOSES = 50;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {
    };

    private final People people;
    private final PurposeService purposes;
    private final ConsentRecorder recorder;
    private final IdentifierNormalizer normalizer;
    private final ObjectMapper mapper;

    ObjectionRequests(People people, PurposeService purposes, ConsentRecorder recorder, IdentifierNormalizer normalizer,
                      ObjectMapper mapper) {
        this.people = people;
        this.purposes = purposes;
        this.recorder = recorder;
        this.normalizer = normalizer;
        this.mapper = mapper;
    }

    @Transactional
    public ObjectionRequestStatus submit(ObjectionRequestBody body, String requestedBy) {
        if (body == null || (body.profileId() == null) == (body.identifier() == null)) {
            throw new InvalidInputException("", "name the person by exactly one of profileId or identifier");
        }
        List<Purpose> objected = purposesOf(body.purposes());
        String person;
        if (body.identifier() != null) {
            Identifier identifier = IdentifierParameter.parse("/identifier", body.identifier(), normalizer);
            person = people.personOf(identifier).orElseThrow(() ->
                    new ResourceNotFoundException("no person with this identifier is known to the consent service"));
        } else {
            person = people.requireKnown(body.profileId());
        }
        return file(person, objected, Channel.PRIVACY_OFFICER, requestedBy);
    }

    /** Records the objections for a known person and keeps the request, complete. */
    @Transactional
    public ObjectionRequestStatus file(String person, List<Purpose> objected, Channel channel, String requestedBy) {
        ObjectionRequest request = new ObjectionRequest();
        request.id = UUID.randomUUID().toString();
        request.profileId = person;
        request.requestedBy = requestedBy;
        request.requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request.dueAt = request.requestedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        List<NewRecord> records = new ArrayList<>();
        for (Purpose purpose : objected) {
            PurposeText shown = PurposeText.find(purpose.code, purpose.version);
            records.add(NewRecord.decision(purpose.code, ConsentAction.OBJECT, request.requestedAt, channel, METHOD,
                    "objection_request", "objection-request:" + request.id + ":" + purpose.code,
                    new NewRecord.Evidence(Integer.toString(purpose.version), shown == null ? null : shown.hashEn, null)));
        }
        List<UUID> ids = recorder.record(person, records).stream().map(recorded -> recorded.record().id).toList();
        request.purposes = json(objected.stream().map(purpose -> purpose.code).toList());
        request.recordIds = json(ids);
        request.completedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request.persist();
        return status(request);
    }

    @Transactional
    public ObjectionRequestStatus status(String id) {
        ObjectionRequest request = ObjectionRequest.findById(id);
        if (request == null) {
            throw new ResourceNotFoundException("no objection request with this id");
        }
        return status(request);
    }

    /** The purposes named, each a legitimate interest; every legitimate-interest purpose when none is named. */
    @Transactional
    public List<Purpose> purposesOf(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            List<Purpose> all = purposes.all().stream()
                    .filter(purpose -> purpose.lawfulBasis == LawfulBasis.LEGITIMATE_INTEREST).toList();
            if (all.isEmpty()) {
                throw new InvalidInputException("/purposes", "no purpose rests on a legitimate interest: name one");
            }
            return all;
        }
        if (codes.size() > MAX_PURPOSES) {
            throw new InvalidInputException("/purposes", "at most " + MAX_PURPOSES + " purposes");
        }
        Set<Purpose> named = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            Purpose purpose = purposes.require("/purposes/" + i, codes.get(i));
            if (purpose.lawfulBasis != LawfulBasis.LEGITIMATE_INTEREST) {
                throw new InvalidInputException("/purposes/" + i,
                        "rests on consent: an objection applies to a legitimate interest; withdraw the consent instead");
            }
            named.add(purpose);
        }
        return List.copyOf(named);
    }

    private ObjectionRequestStatus status(ObjectionRequest request) {
        return new ObjectionRequestStatus(request.id, "complete", request.profileId, read(request.purposes, STRINGS),
                read(request.recordIds, IDS), request.requestedAt, request.dueAt, request.completedAt);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
