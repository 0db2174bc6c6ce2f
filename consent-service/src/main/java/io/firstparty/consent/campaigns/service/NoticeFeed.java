package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.campaigns.rest.FeedNotice;
import io.firstparty.consent.objection.service.ObjectionLinks;
import io.firstparty.consent.people.service.People;
import io.firstparty.kit.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * The notices a brand's app shows a person, each with their personal objection link, and the record
 * of every time the app displayed one.
 */
@ApplicationScoped
public class NoticeFeed {

    private final People people;
    private final NoticeRecords records;
    private final ObjectionLinks links;
    private final EntityManager entityManager;

    NoticeFeed(People people, NoticeRecords records, ObjectionLinks links, EntityManager entityManager) {
        this.people = people;
        this.records = records;
        this.links = links;
        this.entityManager = entityManager;
    }

    @Transactional
    public List<FeedNotice> feed(String profileId) {
        String person = people.requireKnown(profileId);
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT d.campaign_id, d.profile_id, d.language, d.done_at FROM notice_delivery d
                        JOIN notice_campaign k ON k.id = d.campaign_id
                        WHERE d.profile_id IN (?1) AND d.channel = 'in_app' ORDER BY k.started_at DESC""")
                .setParameter(1, people.chainsOf(person)).getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            NoticeCampaign campaign = NoticeCampaign.findById(columns[0]);
            String language = (String) columns[2];
            String link = links.url(person, campaign.purposeCode, language);
            return new FeedNotice(campaign.id, campaign.purposeCode, language, campaign.subject(language),
                    campaign.text(language), campaign.processingStartsAt, link, campaign.noticeHash(language),
                    NoticeRecords.instant(columns[3]));
        }).toList();
    }

    /** Records that the app displayed the campaign's notice to the person (each display is kept). */
    @Transactional
    public void displayed(UUID campaignId, String profileId) {
        String person = people.requireKnown(profileId);
        List<?> rows = entityManager.createNativeQuery("""
                        UPDATE notice_delivery SET status = 'displayed', done_at = COALESCE(done_at, clock_timestamp())
                        WHERE campaign_id = ?1 AND profile_id IN (?2) AND channel = 'in_app'
                        RETURNING profile_id, language""")
                .setParameter(1, campaignId).setParameter(2, people.chainsOf(person)).getResultList();
        if (rows.isEmpty()) {
            throw new ResourceNotFoundException("this person is not in the audience of a campaign with this id");
        }
        Object[] delivery = (Object[]) rows.get(0);
        NoticeCampaign campaign = NoticeCampaign.findById(campaignId);
        String language = (String) delivery[1];
        records.record(campaignId, (String) delivery[0], DeliveryChannel.IN_APP, NoticeRecords.DISPLAYED,
                campaign.noticeHash(language), language, null);
    }
}
