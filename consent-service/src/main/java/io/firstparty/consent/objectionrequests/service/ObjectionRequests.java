package io.firstparty.consent.objectionrequests.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.objectionrequests.domain.ObjectionRequest;
import io.firstparty.consent.objectionrequests.rest.ObjectionRequestBody;
import io.firstparty.consent.objectionrequests.rest.ObjectionRequestStatus;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.consent.requests.domain.RequestProgress;
import io.firstparty.consent.requests.service.Deadlines;
import io.firstparty.consent.requests.service.JsonColumns;
import io.firstparty.consent.requests.service.RequestSubjects;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
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

    private final RequestSubjects subjects;
    private final Deadlines deadlines;
    private final PurposeService purposes;
    private final ConsentRecorder recorder;
    private final JsonColumns columns;

    ObjectionRequests(RequestSubjects subjects, Deadlines deadlines, PurposeService purposes, ConsentRecorder recorder,
                      JsonColumns columns) {
        this.subjects = subjects;
        this.deadlines = deadlines;
        this.purposes = purposes;
        this.recorder = recorder;
        this.columns = columns;
    }

    @Transactional
    public ObjectionRequestStatus submit(ObjectionRequestBody body, String requestedBy) {
        RequestSubjects.Subject subject = subjects.known(body == null ? null : body.profileId(),
                body == null ? null : body.identifier());
        return file(subject.people(), purposesOf(body.purposes()), Channel.PRIVACY_OFFICER, requestedBy);
    }

    /**
     * Records the objections for every person named (the holders of one identifier, the most recently
     * resolved first, under whom the request is kept) and keeps the request, complete.
     */
    @Transactional
    public ObjectionRequestStatus file(List<String> people, List<Purpose> objected, Channel channel,
                                       String requestedBy) {
        ObjectionRequest request = ObjectionRequest.received(people.get(0), requestedBy);
        List<NewRecord> records = new ArrayList<>();
        for (Purpose purpose : objected) {
            PurposeText shown = PurposeText.find(purpose.code, purpose.version);
            records.add(NewRecord.decision(purpose.code, ConsentAction.OBJECT, request.requestedAt, channel, METHOD,
                    "objection_request", "objection-request:" + request.id + ":" + purpose.code,
                    new NewRecord.Evidence(Integer.toString(purpose.version), shown == null ? null : shown.hashEn, null)));
        }
        List<UUID> ids = new ArrayList<>();
        for (String person : people) {
            List<NewRecord> forPerson = person.equals(request.profileId) ? records
                    : records.stream().map(record -> record.forAnotherHolder(person)).toList();
            recorder.record(person, forPerson).forEach(recorded -> ids.add(recorded.record().id));
        }
        request.purposes = columns.write(objected.stream().map(purpose -> purpose.code).toList());
        request.recordIds = columns.write(ids);
        request.completedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request.persist();
        return status(request);
    }

    @Transactional
    public ObjectionRequestStatus status(String id) {
        return status(deadlines.find(ObjectionRequest.class, id, "objection request"));
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
        return new ObjectionRequestStatus(request.id, RequestProgress.COMPLETE, request.profileId,
                columns.read(request.purposes, STRINGS), columns.read(request.recordIds, IDS), request.requestedAt,
                request.dueAt, request.completedAt);
    }
}
