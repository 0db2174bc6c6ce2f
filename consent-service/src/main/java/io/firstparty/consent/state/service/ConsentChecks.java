package io.firstparty.consent.state.service;

import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.objection.service.PendingObjections;
import io.firstparty.consent.people.domain.PendingSignal;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.contracts.identity.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers whether a purpose may be applied to people. Consent-based purposes fail closed: no record,
 * an expired consent or an unknown person means no. Legitimate interests hold until an objection.
 */
@ApplicationScoped
public class ConsentChecks {

    private final StateQueries queries;
    private final People people;
    private final PendingObjections objections;

    ConsentChecks(StateQueries queries, People people, PendingObjections objections) {
        this.queries = queries;
        this.people = people;
        this.objections = objections;
    }

    public List<Verdict> check(Purpose purpose, List<String> profileIds) throws SQLException {
        Instant now = Instant.now();
        List<Verdict> verdicts = new ArrayList<>(profileIds.size());
        for (StateQueries.Standing row : queries.standing(purpose.code, profileIds)) {
            verdicts.add(verdict(purpose, row, now));
        }
        return verdicts;
    }

    /**
     * By identifier: the people it is linked to, or, before any link, a signal or an objection waiting
     * for it. Held by several people (one address at two brands), it is allowed only if it is allowed
     * for each of them: the answer is the first refusal, never whichever person was resolved last.
     */
    @Transactional
    public Verdict check(Purpose purpose, Identifier identifier) throws SQLException {
        List<String> holders = people.peopleOf(identifier);
        if (!holders.isEmpty()) {
            List<Verdict> verdicts = check(purpose, holders);
            return verdicts.stream().filter(verdict -> !verdict.allowed()).findFirst().orElse(verdicts.get(0));
        }
        boolean signalled = PendingSignal.count("identifierHash", identifier.hash()) > 0;
        if ((signalled && (purpose.consentBased() || purpose.lawfulBasis == LawfulBasis.LEGITIMATE_INTEREST))
                || objections.waitingFor(identifier.hash(), purpose.code)) {
            return new Verdict(null, null, purpose.code, false, "objected", null, null, null, null,
                    purpose.processingStartsAt);
        }
        return verdict(purpose, new StateQueries.Standing(null, null, false, null, null, null, null), Instant.now());
    }

    static Verdict verdict(Purpose purpose, StateQueries.Standing row, Instant now) {
        ConsentStatus status = row.status();
        boolean consentBased = purpose.consentBased();
        String reason;
        boolean allowed;
        if (status != null && ConsentAction.denies(status)) {
            allowed = false;
            reason = status == ConsentStatus.DENIED ? "refused" : status.name().toLowerCase(Locale.ROOT);
        } else if (purpose.heldBack(now)) {
            // Before a notice campaign's date nobody's data is used for its purpose.
            allowed = false;
            reason = "notice_period";
        } else if (status == null) {
            allowed = !consentBased;
            reason = consentBased ? (row.known() ? "no_record" : "unknown_person") : "no_objection";
        } else if (status == ConsentStatus.GRANTED && row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
            allowed = false;
            reason = "expired";
        } else if (status == ConsentStatus.EXPIRED) {
            allowed = !consentBased;
            reason = "expired";
        } else {
            allowed = true;
            reason = "granted";
        }
        return new Verdict(row.asked(), row.person(), purpose.code, allowed, reason, status, row.recordId(),
                row.statusSince(), row.expiresAt(), purpose.processingStartsAt);
    }
}
