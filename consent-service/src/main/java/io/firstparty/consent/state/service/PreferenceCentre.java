package io.firstparty.consent.state.service;

import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.ledger.domain.ConsentAction;
import io.firstparty.consent.ledger.domain.NewRecord;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.people.service.People;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.domain.PurposeText;
import io.firstparty.consent.purposes.rest.PurposeView;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.consent.state.rest.Choice;
import io.firstparty.consent.state.rest.ChoicesRequest;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.kit.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Choices a person makes in a brand's app (GDPR Art. 7(3): withdrawing is as easy as giving). A no
 * to a consent in force withdraws it, a no without one refuses, a no to a legitimate interest objects.
 */
@ApplicationScoped
public class PreferenceCentre {

    private static final Set<Channel> CHANNELS =
            EnumSet.of(Channel.PREFERENCE_CENTRE, Channel.IN_APP, Channel.EMAIL_LINK, Channel.WEB_FORM);
    private static final int MAX_KEY = 200;

    private final People people;
    private final PurposeService purposes;
    private final ConsentChecks checks;
    private final ConsentStates states;
    private final ConsentRecorder recorder;

    PreferenceCentre(People people, PurposeService purposes, ConsentChecks checks, ConsentStates states,
                     ConsentRecorder recorder) {
        this.people = people;
        this.purposes = purposes;
        this.checks = checks;
        this.states = states;
        this.recorder = recorder;
    }

    @Transactional
    public List<Choice> choices(String profileId) throws SQLException {
        people.requireKnown(profileId);
        List<Choice> choices = new ArrayList<>();
        for (PurposeView view : purposes.list()) {
            Purpose purpose = Purpose.findById(view.code());
            choices.add(new Choice(view, checks.check(purpose, List.of(profileId)).get(0)));
        }
        return choices;
    }

    @Transactional
    public List<ConsentRecorder.Recorded> change(String profileId, String idempotencyKey, ChoicesRequest request) {
        String person = people.requireKnown(profileId);
        if (request == null || request.choices() == null || request.choices().isEmpty()) {
            throw new InvalidInputException("/choices", "is required: purpose code to true or false");
        }
        Channel channel = request.channel() == null ? Channel.PREFERENCE_CENTRE
                : Channel.parse(request.channel()).filter(CHANNELS::contains).orElseThrow(() -> new InvalidInputException(
                "/channel", "must be one of preference_centre, in_app, email_link, web_form"));
        boolean french = "fr".equals(request.language());
        if (request.language() != null && !french && !"en".equals(request.language())) {
            throw new InvalidInputException("/language", "must be en or fr");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY)) {
            throw new InvalidInputException("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters");
        }
        String requestKey = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<NewRecord> decisions = new ArrayList<>();
        for (Map.Entry<String, Boolean> choice : request.choices().entrySet()) {
            Purpose purpose = purposes.require("/choices/" + choice.getKey(), choice.getKey());
            if (choice.getValue() == null) {
                throw new InvalidInputException("/choices/" + choice.getKey(), "must be true or false");
            }
            PurposeText text = PurposeText.find(purpose.code, purpose.version);
            decisions.add(NewRecord.decision(purpose.code, action(purpose, person, choice.getValue()), now, channel,
                    "toggle", "preference_centre", "choice:" + requestKey + ":" + purpose.code,
                    new NewRecord.Evidence(Integer.toString(purpose.version), french ? text.hashFr : text.hashEn, null)));
        }
        return recorder.record(person, decisions);
    }

    private ConsentAction action(Purpose purpose, String person, boolean yes) {
        if (yes) {
            return ConsentAction.GRANT;
        }
        if (!purpose.consentBased()) {
            return ConsentAction.OBJECT;
        }
        boolean inForce = states.current(person, purpose.code).map(state -> state.status == ConsentStatus.GRANTED)
                .orElse(false);
        return inForce ? ConsentAction.WITHDRAW : ConsentAction.REFUSE;
    }
}
