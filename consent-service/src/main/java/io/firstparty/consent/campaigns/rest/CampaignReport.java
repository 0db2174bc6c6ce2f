package io.firstparty.consent.campaigns.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How far a campaign reached and what came of it.
 *
 * @param audience          people the campaign speaks to
 * @param reachedByNeither  people with no e-mail sent and no in-app display yet
 * @param objectionsBefore  people who had objected before the campaign started (honoured all the same)
 * @param objectionsByDay   objections recorded since the start, per day (UTC)
 * @param enforcement       time from an objection's ledger record to its state's publication
 */
public record CampaignReport(
        UUID campaignId,
        String purpose,
        Instant startedAt,
        Instant processingStartsAt,
        long audience,
        Email email,
        InApp inApp,
        long reachedByNeither,
        long objectionsBefore,
        List<DayCount> objectionsByDay,
        Enforcement enforcement) {

    /**
     * @param failed      e-mails whose last attempt failed (some will be tried again)
     * @param noAddress   people the service knows no address for
     * @param unconfirmed e-mails handed to the SMTP server by a replica that stopped before its answer was
     *                    recorded: perhaps received, never sent again (the in-app notice still reaches them)
     * @param sameAddress people whose address another profile's e-mail of the campaign took: one e-mail
     *                    an address
     */
    public record Email(long sent, long failed, long pending, long noAddress, long remindersSent, long unconfirmed,
                        long sameAddress) {
    }

    public record InApp(long displayed) {
    }

    public record DayCount(LocalDate day, long objections) {
    }

    /** Over the objections since the start that are in force, in milliseconds. */
    public record Enforcement(long objections, Double medianMillis, Double maxMillis) {
    }
}
