package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.campaigns.rest.CampaignReport;
import io.firstparty.kit.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A campaign's reach by channel, the objections since it started and how soon they were enforced. */
@ApplicationScoped
public class CampaignReports {

    private static final String REACH = """
            SELECT count(*) FILTER (WHERE channel = 'in_app'),
                   count(*) FILTER (WHERE channel = 'email' AND status = 'sent'),
                   count(*) FILTER (WHERE channel = 'email' AND status = 'failed'),
                   count(*) FILTER (WHERE channel = 'email' AND status IN ('pending', 'sending')),
                   count(*) FILTER (WHERE channel = 'email' AND status = 'no_address'),
                   count(*) FILTER (WHERE channel = 'email' AND status = 'unconfirmed'),
                   count(*) FILTER (WHERE channel = 'email' AND status = 'same_address'),
                   count(*) FILTER (WHERE channel = 'email_reminder' AND status = 'sent'),
                   count(*) FILTER (WHERE channel = 'in_app' AND status = 'displayed'),
                   count(*) FILTER (WHERE channel = 'in_app' AND status <> 'displayed' AND NOT EXISTS (
                       SELECT 1 FROM notice_delivery mail WHERE mail.campaign_id = d.campaign_id
                           AND mail.profile_id = d.profile_id AND mail.channel <> 'in_app' AND mail.status IN ('sent', 'same_address')))
            FROM notice_delivery d WHERE campaign_id = ?1""";
    private static final String OBJECTIONS_BEFORE = """
            SELECT count(*) FROM consent_state WHERE purpose_code = ?1 AND status = 'objected' AND status_since < ?2""";
    private static final String OBJECTIONS_BY_DAY = """
            SELECT CAST(date_trunc('day', occurred_at AT TIME ZONE 'UTC') AS date), count(*) FROM ledger_record
            WHERE purpose_code = ?1 AND action = 'object' AND effective AND occurred_at >= ?2
            GROUP BY 1 ORDER BY 1""";
    private static final String ENFORCEMENT = """
            SELECT count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.published_at - r.recorded_at) * 1000),
                   max(extract(epoch FROM s.published_at - r.recorded_at) * 1000)
            FROM consent_state s JOIN ledger_record r ON r.id = s.record_id
            WHERE s.purpose_code = ?1 AND s.status = 'objected' AND s.published_at IS NOT NULL AND r.recorded_at >= ?2""";

    private final Campaigns campaigns;
    private final EntityManager entityManager;

    CampaignReports(Campaigns campaigns, EntityManager entityManager) {
        this.campaigns = campaigns;
        this.entityManager = entityManager;
    }

    @Transactional
    public CampaignReport report(UUID id) {
        NoticeCampaign campaign = campaigns.find(id);
        if (!campaign.started()) {
            throw new ConflictException("the campaign has not started: it has no reach to report yet");
        }
        Object[] reach = (Object[]) entityManager.createNativeQuery(REACH).setParameter(1, id).getSingleResult();
        long before = number(entityManager.createNativeQuery(OBJECTIONS_BEFORE)
                .setParameter(1, campaign.purposeCode).setParameter(2, campaign.startedAt).getSingleResult());
        List<CampaignReport.DayCount> byDay = entityManager.createNativeQuery(OBJECTIONS_BY_DAY)
                .setParameter(1, campaign.purposeCode).setParameter(2, campaign.startedAt).getResultList().stream()
                .map(row -> {
                    Object[] columns = (Object[]) row;
                    return new CampaignReport.DayCount(day(columns[0]), number(columns[1]));
                }).toList();
        Object[] enforcement = (Object[]) entityManager.createNativeQuery(ENFORCEMENT)
                .setParameter(1, campaign.purposeCode).setParameter(2, campaign.startedAt).getSingleResult();
        return new CampaignReport(campaign.id, campaign.purposeCode, campaign.startedAt, campaign.processingStartsAt,
                number(reach[0]),
                new CampaignReport.Email(number(reach[1]), number(reach[2]), number(reach[3]), number(reach[4]),
                        number(reach[7]), number(reach[5]), number(reach[6])),
                new CampaignReport.InApp(number(reach[8])), number(reach[9]), before, byDay,
                new CampaignReport.Enforcement(number(enforcement[0]), decimal(enforcement[1]), decimal(enforcement[2])));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static LocalDate day(Object value) {
        return value instanceof java.time.LocalDate local ? local : ((Date) value).toLocalDate();
    }
}
