package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.rest.CampaignRequest;
import io.firstparty.consent.purposes.rest.LocalizedText;
import io.firstparty.contracts.events.Violation;
import io.firstparty.kit.problem.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** What a campaign must satisfy; every broken rule is reported at once. */
final class CampaignRules {

    private static final int MAX_SUBJECT = 200;
    private static final int MAX_TEXT = 8000;
    private static final int MAX_SOURCES = 100;
    private static final int MAX_SOURCE_ID = 200;

    private CampaignRules() {
    }

    /** The request's start date, once every field is right (the purpose is checked by the caller). */
    static Instant check(CampaignRequest request, Instant now, Duration minNotice) {
        if (request == null) {
            throw new InvalidInputException("", "a campaign is required");
        }
        List<Violation> violations = new ArrayList<>();
        texts(violations, "/subject", request.subject(), MAX_SUBJECT);
        texts(violations, "/text", request.text(), MAX_TEXT);
        Instant startsAt = startsAt(violations, request.processingStartsAt(), now, minNotice);
        sources(violations, request.sourceIds());
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return startsAt;
    }

    /** Processing may not start sooner than the minimum notice period after {@code startedAt}. */
    static void checkNotice(Instant processingStartsAt, Instant startedAt, Duration minNotice) {
        if (processingStartsAt.isBefore(startedAt.plus(minNotice))) {
            throw new InvalidInputException("/processingStartsAt", noticeRule(minNotice));
        }
    }

    private static Instant startsAt(List<Violation> violations, String value, Instant now, Duration minNotice) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation("/processingStartsAt", "is required: an ISO-8601 instant"));
            return null;
        }
        try {
            Instant startsAt = Instant.parse(value);
            if (startsAt.isBefore(now.plus(minNotice))) {
                violations.add(new Violation("/processingStartsAt", noticeRule(minNotice)));
            }
            return startsAt;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("/processingStartsAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
            return null;
        }
    }

    private static String noticeRule(Duration minNotice) {
        return "must be at least " + minNotice.toDays() + " days after the campaign starts (the notice period)";
    }

    private static void texts(List<Violation> violations, String field, LocalizedText text, int max) {
        if (text == null) {
            violations.add(new Violation(field, "is required, with en and fr"));
            return;
        }
        text(violations, field + "/en", text.en(), max);
        text(violations, field + "/fr", text.fr(), max);
    }

    private static void text(List<Violation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
        }
    }

    private static void sources(List<Violation> violations, List<String> sourceIds) {
        if (sourceIds == null) {
            return;
        }
        if (sourceIds.size() > MAX_SOURCES) {
            violations.add(new Violation("/sourceIds", "must name at most " + MAX_SOURCES + " sources"));
            return;
        }
        for (int i = 0; i < sourceIds.size(); i++) {
            String id = sourceIds.get(i);
            if (id == null || id.isBlank() || id.length() > MAX_SOURCE_ID) {
                violations.add(new Violation("/sourceIds/" + i, "must be a source id of 1 to " + MAX_SOURCE_ID + " characters"));
            }
        }
    }
}
