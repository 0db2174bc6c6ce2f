package io.firstparty.consent.objection.service;

import io.firstparty.consent.campaigns.service.NoticeRecords;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.consent.state.service.ConsentStates;
import io.firstparty.contracts.events.ConsentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one-click objection (GDPR Art. 21): a personal link opens the form, one answer records the
 * objection in the ledger, with no justification asked, and the notice it answers. The same link
 * answered twice is one record. An objection to a notice a campaign served is confirmed by e-mail.
 */
@ApplicationScoped
public class Objections {

    private static final String METHOD = "objection_form";

    private final ObjectionTokens tokens;
    private final People people;
    private final PurposeService purposes;
    private final ConsentStates states;
    private final ConsentRecorder recorder;
    private final NoticeRecords notices;

    Objections(ObjectionTokens tokens, People people, PurposeService purposes, ConsentStates states,
               ConsentRecorder recorder, NoticeRecords notices) {
        this.tokens = tokens;
        this.people = people;
        this.purposes = purposes;
        this.states = states;
        this.recorder = recorder;
        this.notices = notices;
    }

    /** What the form shows: the purpose's text in the person's language, and whether they already objected. */
    public record Form(String language, String purposeName, String purposeText, boolean objected) {
    }

    @Transactional
    public Form form(String token) {
        ObjectionTokens.Ticket ticket = tokens.read(token, Instant.now());
        String person = people.requireKnown(ticket.profileId());
        Purpose purpose = purposes.require("/token", ticket.purpose());
        boolean objected = states.current(person, purpose.code)
                .map(state -> state.status == ConsentStatus.OBJECTED).orElse(false);
        return new Form(ticket.language(), purpose.name, text(purpose, ticket.language()), objected);
    }

    /** Records the objection (or finds it again when the same link was answered before). */
    @Transactional
    public Form object(String token) {
        ObjectionTokens.Ticket ticket = tokens.read(token, Instant.now());
        String person = people.requireKnown(ticket.profileId());
        Purpose purpose = purposes.require("/token", ticket.purpose());
        PurposeText shown = PurposeText.find(purpose.code, purpose.version);
        String hash = "fr".equals(ticket.language()) ? shown.hashFr : shown.hashEn;
        Optional<NoticeRecords.LastNotice> notice = notices.lastServed(people.chainsOf(person), purpose.code);
        NewRecord objection = NewRecord.decision(purpose.code, ConsentAction.OBJECT, Instant.now(),
                Channel.EMAIL_LINK, METHOD, "objection_link", "objection:" + Sha256.hex(token),
                new NewRecord.Evidence(Integer.toString(purpose.version), hash,
                        notice.map(NoticeRecords.LastNotice::noticeHash).orElse(null)));
        ConsentRecorder.Recorded recorded = recorder.record(person, List.of(objection)).get(0);
        if (notice.isPresent() && !recorded.replayed()) {
            notices.queueReceipt(notice.get().campaignId(), person, ticket.language(), recorded.record().id);
        }
        return new Form(ticket.language(), purpose.name, text(purpose, ticket.language()), true);
    }

    private static String text(Purpose purpose, String language) {
        return "fr".equals(language) ? purpose.textFr : purpose.textEn;
    }
}
