package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.campaigns.rest.CampaignRequest;
import io.firstparty.consent.campaigns.rest.CampaignView;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.contracts.events.LawfulBasis;
import io.firstparty.kit.problem.ConflictException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Notice campaigns for legitimate-interest purposes. Starting one fixes its notice versions and its
 * audience (a delivery row per person and channel), holds the purpose back until the announced date
 * and republishes the purpose with that date; the senders then take the e-mails from the rows.
 */
@ApplicationScoped
public class Campaigns {

    private static final String ENROL = """
            INSERT INTO notice_delivery (campaign_id, profile_id, channel, status, language, next_attempt_at)
            SELECT ?1, p.profile_id, channel.code,
                   CASE WHEN channel.code = 'email' AND c.email IS NULL THEN 'no_address' ELSE 'pending' END,
                   COALESCE(c.language, 'en'), CASE WHEN channel.code = 'email' THEN now() END
            FROM person p
            LEFT JOIN contact c ON c.profile_id = p.profile_id
            CROSS JOIN (VALUES ('email'), ('in_app')) AS channel (code)
            WHERE NOT EXISTS (SELECT 1 FROM profile_link l WHERE l.absorbed_id = p.profile_id)
            """;
    private static final String OF_SOURCES = """
              AND EXISTS (SELECT 1 FROM person_source s WHERE s.profile_id = p.profile_id AND s.source_id IN (?2))
            """;

    private final PurposeService purposes;
    private final NoticeRenderer renderer;
    private final EntityManager entityManager;
    private final ConsentConfig config;

    Campaigns(PurposeService purposes, NoticeRenderer renderer, EntityManager entityManager, ConsentConfig config) {
        this.purposes = purposes;
        this.renderer = renderer;
        this.entityManager = entityManager;
        this.config = config;
    }

    @Transactional
    public CampaignView create(CampaignRequest request, String officer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant startsAt = CampaignRules.check(request, now, config.campaigns().minNotice());
        Purpose purpose = legitimateInterest(request.purpose());
        NoticeCampaign campaign = new NoticeCampaign();
        campaign.id = UUID.randomUUID();
        campaign.purposeCode = purpose.code;
        campaign.subjectEn = request.subject().en();
        campaign.subjectFr = request.subject().fr();
        campaign.textEn = request.text().en();
        campaign.textFr = request.text().fr();
        campaign.processingStartsAt = startsAt;
        campaign.sourceIds = request.sourceIds() == null || request.sourceIds().isEmpty()
                ? null : request.sourceIds().stream().distinct().toArray(String[]::new);
        campaign.status = NoticeCampaign.DRAFT;
        campaign.createdBy = officer;
        campaign.createdAt = now;
        campaign.persist();
        return CampaignView.of(campaign);
    }

    /** Starts the campaign once; a second start (from any replica) is a 409. */
    @Transactional
    public CampaignView start(UUID id) {
        NoticeCampaign campaign = NoticeCampaign.<NoticeCampaign>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(Campaigns::notFound);
        if (campaign.started()) {
            throw new ConflictException("the campaign started at " + campaign.startedAt + "; a campaign starts once");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CampaignRules.checkNotice(campaign.processingStartsAt, now, config.campaigns().minNotice());
        Purpose purpose = legitimateInterest(campaign.purposeCode);
        campaign.noticeHashEn = renderer.hash(campaign, "en");
        campaign.noticeHashFr = renderer.hash(campaign, "fr");
        campaign.status = NoticeCampaign.STARTED;
        campaign.startedAt = now;
        enrol(campaign);
        purposes.holdUntil(purpose, campaign.processingStartsAt);
        return CampaignView.of(campaign);
    }

    @Transactional
    public List<CampaignView> list() {
        return NoticeCampaign.<NoticeCampaign>listAll(Sort.by("createdAt").descending()).stream()
                .map(CampaignView::of).toList();
    }

    @Transactional
    public CampaignView view(UUID id) {
        return CampaignView.of(find(id));
    }

    @Transactional
    public NoticeCampaign find(UUID id) {
        return NoticeCampaign.<NoticeCampaign>findByIdOptional(id).orElseThrow(Campaigns::notFound);
    }

    /** Everyone the campaign speaks to, as they stand now: one e-mail row (or none possible) and one in-app row each. */
    private void enrol(NoticeCampaign campaign) {
        Query enrol = entityManager.createNativeQuery(campaign.sourceIds == null ? ENROL : ENROL + OF_SOURCES)
                .setParameter(1, campaign.id);
        if (campaign.sourceIds != null) {
            enrol.setParameter(2, List.of(campaign.sourceIds));
        }
        enrol.executeUpdate();
    }

    private Purpose legitimateInterest(String code) {
        Purpose purpose = purposes.require("/purpose", code);
        if (purpose.lawfulBasis != LawfulBasis.LEGITIMATE_INTEREST) {
            throw new InvalidInputException("/purpose", "must be a legitimate-interest purpose (this one's basis is "
                    + purpose.lawfulBasis.code() + "): only processing people may object to is announced this way");
        }
        return purpose;
    }

    private static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("no campaign with this id");
    }
}
