package io.firstparty.consent.campaigns.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice campaign: a legitimate-interest purpose announced to people by e-mail and in-app, with the
 * date processing may start. Started once; the audience is fixed when it starts.
 */
@Entity
@Table(name = "notice_campaign")
public class NoticeCampaign extends PanacheEntityBase {

    public static final String DRAFT = "draft";
    public static final String STARTED = "started";

    @Id
    public UUID id;

    @Column(name = "purpose_code")
    public String purposeCode;

    @Column(name = "subject_en")
    public String subjectEn;

    @Column(name = "subject_fr")
    public String subjectFr;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "text_fr")
    public String textFr;

    @Column(name = "processing_starts_at")
    public Instant processingStartsAt;

    /** The sources whose people are told; null for everyone the service knows. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "source_ids")
    public String[] sourceIds;

    public String status;

    /** SHA-256 of the notice as rendered in each language, without the personal link: its version. */
    @Column(name = "notice_hash_en")
    public String noticeHashEn;

    @Column(name = "notice_hash_fr")
    public String noticeHashFr;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    public boolean started() {
        return STARTED.equals(status);
    }

    public String subject(String language) {
        return "fr".equals(language) ? subjectFr : subjectEn;
    }

    public String text(String language) {
        return "fr".equals(language) ? textFr : textEn;
    }

    public String noticeHash(String language) {
        return "fr".equals(language) ? noticeHashFr : noticeHashEn;
    }
}
