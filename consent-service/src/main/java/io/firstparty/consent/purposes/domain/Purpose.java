package io.firstparty.consent.purposes.domain;

import io.firstparty.consent.persistence.LawfulBasisConverter;
import io.firstparty.contracts.events.LawfulBasis;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.ZoneOffset;

/** What personal data may be used for, on which lawful basis, and the text people are shown about it. */
@Entity
@Table(name = "purpose")
public class Purpose extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Convert(converter = LawfulBasisConverter.class)
    @Column(name = "lawful_basis")
    public LawfulBasis lawfulBasis;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "text_fr")
    public String textFr;

    /** Rises whenever the text changes, so every record names the text the person saw. */
    public int version;

    @Column(name = "consent_lifetime_months")
    public int consentLifetimeMonths;

    @Column(name = "reask_delay_months")
    public int reaskDelayMonths;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** For a legitimate interest announced by a notice campaign: processing may not start before. */
    @Column(name = "processing_starts_at")
    public Instant processingStartsAt;

    public boolean consentBased() {
        return lawfulBasis == LawfulBasis.CONSENT;
    }

    /** Whether a notice period still holds processing back at {@code now}. */
    public boolean heldBack(Instant now) {
        return processingStartsAt != null && now.isBefore(processingStartsAt);
    }

    /** When a consent given at {@code grantedAt} lapses; legitimate interests do not lapse. */
    public Instant consentExpiry(Instant grantedAt) {
        return consentBased()
                ? grantedAt.atOffset(ZoneOffset.UTC).plusMonths(consentLifetimeMonths).toInstant()
                : null;
    }
}
