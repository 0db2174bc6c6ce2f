package io.firstparty.consent.campaigns.rest;

import io.firstparty.consent.purposes.rest.LocalizedText;

import java.util.List;

/**
 * A notice campaign as a privacy officer writes it.
 *
 * @param purpose            a legitimate-interest purpose
 * @param subject            the e-mail's subject per language: what is changing, plainly
 * @param text               the notice per language
 * @param processingStartsAt ISO-8601 instant; at least the minimum notice period after the campaign starts
 * @param sourceIds          the brand's sources whose people are told; absent or empty for everyone
 */
public record CampaignRequest(
        String purpose,
        LocalizedText subject,
        LocalizedText text,
        String processingStartsAt,
        List<String> sourceIds) {
}
