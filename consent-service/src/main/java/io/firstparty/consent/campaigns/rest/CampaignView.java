package io.firstparty.consent.campaigns.rest;

import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.purposes.rest.LocalizedText;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign with its state; {@code noticeHash} is set once it started (each language's notice version). */
public record CampaignView(
        UUID id,
        String purpose,
        LocalizedText subject,
        LocalizedText text,
        Instant processingStartsAt,
        List<String> sourceIds,
        String status,
        LocalizedText noticeHash,
        String createdBy,
        Instant createdAt,
        Instant startedAt) {

    public static CampaignView of(NoticeCampaign campaign) {
        return new CampaignView(campaign.id, campaign.purposeCode,
                new LocalizedText(campaign.subjectEn, campaign.subjectFr), new LocalizedText(campaign.textEn, campaign.textFr),
                campaign.processingStartsAt, campaign.sourceIds == null ? List.of() : List.of(campaign.sourceIds),
                campaign.status, campaign.started() ? new LocalizedText(campaign.noticeHashEn, campaign.noticeHashFr) : null,
                campaign.createdBy, campaign.createdAt, campaign.startedAt);
    }
}
