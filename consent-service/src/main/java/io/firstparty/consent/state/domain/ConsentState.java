package io.firstparty.consent.state.domain;

import io.firstparty.consent.persistence.ConsentStatusConverter;
import io.firstparty.contracts.events.ConsentStatus;
import io.firstparty.contracts.events.PurposeDecision;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Where a person stands on one purpose now, and the ledger record that put them there. */
@Entity
@Table(name = "consent_state")
@IdClass(ConsentState.Key.class)
public class ConsentState extends PanacheEntityBase {

    @Id
    @Column(name = "profile_id")
    public String profileId;

    @Id
    @Column(name = "purpose_code")
    public String purposeCode;

    @Convert(converter = ConsentStatusConverter.class)
    public ConsentStatus status;

    @Column(name = "status_since")
    public Instant statusSince;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "record_id")
    public UUID recordId;

    /** When this decision reached the consent topic, i.e. was enforced everywhere that reads it. */
    @Column(name = "published_at")
    public Instant publishedAt;

    public PurposeDecision decision() {
        return new PurposeDecision(status, statusSince, expiresAt, recordId.toString());
    }

    public static ConsentState find(String profileId, String purposeCode) {
        return findById(new Key(profileId, purposeCode));
    }

    public static class Key implements Serializable {

        public String profileId;
        public String purposeCode;

        public Key() {
        }

        Key(String profileId, String purposeCode) {
            this.profileId = profileId;
            this.purposeCode = purposeCode;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.profileId, profileId)
                    && Objects.equals(key.purposeCode, purposeCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(profileId, purposeCode);
        }
    }
}
