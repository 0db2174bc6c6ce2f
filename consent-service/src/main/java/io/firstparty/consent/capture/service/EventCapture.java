package io.firstparty.consent.capture.service;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.objection.service.PendingObjections;
import io.firstparty.consent.people.service.Contacts;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.contracts.events.ConsentEvidence;
import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.contracts.events.IdentityResolved;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consent that travels with events, once the profile service has said whose they are: the SDK's
 * category preferences (recorded when they change the person's standing) and the consent boxes of
 * web forms (always recorded: each is an act of the person, with the text they saw).
 */
@ApplicationScoped
public class EventCapture {

    private static final Logger LOG = Logger.getLogger(EventCapture.class);

    private final People people;
    private final Contacts contacts;
    private final SignalCapture signals;
    private final PendingObjections objections;
    private final ConsentRecorder recorder;
    private final ConsentConfig config;
    private final Counter ignored;

    EventCapture(People people, Contacts contacts, SignalCapture signals, PendingObjections objections,
                 ConsentRecorder recorder, ConsentConfig config, MeterRegistry registry) {
        this.people = people;
        this.contacts = contacts;
        this.signals = signals;
        this.objections = objections;
        this.recorder = recorder;
        this.config = config;
        this.ignored = Counter.builder("firstparty.consent.evidence.ignored")
                .description("Consent in events that names no purpose or carries evidence that cannot be right")
                .register(registry);
    }

    @Transactional
    public void onResolved(IdentityResolved resolved) {
        List<String> newlyLinked = people.learn(resolved.profileId(), resolved.identifiers(), resolved.resolvedAt());
        signals.applyWaiting(resolved.profileId(), newlyLinked);
        objections.applyWaiting(resolved.profileId(), newlyLinked);
        EventAccepted event = resolved.event();
        contacts.learn(resolved.profileId(), event, resolved.identifiers(), resolved.resolvedAt());
        if (event == null) {
            return;
        }
        List<NewRecord> decisions = new ArrayList<>();
        Instant at = occurredAt(event);
        event.consentPreferences().forEach((category, granted) -> preference(decisions, event, at, category, granted));
        for (ConsentEvidence evidence : event.consentEvidence()) {
            formBox(decisions, event, at, evidence);
        }
        if (!decisions.isEmpty()) {
            recorder.record(resolved.profileId(), decisions);
        }
    }

    private void preference(List<NewRecord> decisions, EventAccepted event, Instant at, String category, Boolean granted) {
        Purpose purpose = purposeOf(config.categories().getOrDefault(category, category));
        if (purpose == null || granted == null) {
            ignored.increment();
            return;
        }
        decisions.add(NewRecord.decision(purpose.code, action(purpose, granted), at, Channel.SDK,
                "category_preferences", event.sourceId(), "event:" + event.messageId() + ":" + purpose.code,
                NewRecord.Evidence.NONE).whenChanged());
    }

    private void formBox(List<NewRecord> decisions, EventAccepted event, Instant at, ConsentEvidence evidence) {
        Purpose purpose = purposeOf(evidence.purpose());
        if (purpose == null || !Sha256.looksLikeOne(evidence.textHash())) {
            // A box without the hash of the text it showed proves nothing: it is not recorded.
            LOG.warnf("consent evidence of event %s ignored: unknown purpose or no text hash", event.messageId());
            ignored.increment();
            return;
        }
        decisions.add(NewRecord.decision(purpose.code, action(purpose, evidence.granted()), at, Channel.WEB_FORM,
                evidence.method() != null ? evidence.method() : "checkbox", event.sourceId(),
                "event:" + event.messageId() + ":" + purpose.code,
                new NewRecord.Evidence(evidence.textVersion(), evidence.textHash().toLowerCase(), null)));
    }

    /** An unticked box or a false preference refuses a consent, and objects to a legitimate interest. */
    static ConsentAction action(Purpose purpose, boolean granted) {
        if (granted) {
            return ConsentAction.GRANT;
        }
        return purpose.consentBased() ? ConsentAction.REFUSE : ConsentAction.OBJECT;
    }

    /** The event's corrected time, but never later than it reached us. */
    private static Instant occurredAt(EventAccepted event) {
        Instant received = event.receivedAt() != null ? event.receivedAt() : Instant.now();
        return event.timestamp() == null || event.timestamp().isAfter(received) ? received : event.timestamp();
    }

    private static Purpose purposeOf(String code) {
        return code == null ? null : Purpose.findById(code);
    }
}
