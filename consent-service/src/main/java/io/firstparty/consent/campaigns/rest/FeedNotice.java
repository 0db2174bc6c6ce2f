package io.firstparty.consent.campaigns.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice for the app to show, as the e-mail says it, with the person's one-click objection link.
 *
 * @param noticeVersion the notice's hash, to quote when the display is recorded
 * @param displayedAt   when the app first displayed it; null until then
 */
public record FeedNotice(
        UUID campaignId,
        String purpose,
        String language,
        String subject,
        String text,
        Instant processingStartsAt,
        String objectionUrl,
        String noticeVersion,
        Instant displayedAt) {
}
