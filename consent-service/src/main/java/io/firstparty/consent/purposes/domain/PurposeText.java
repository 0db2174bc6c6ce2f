package io.firstparty.consent.purposes.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of a purpose's text, kept for good so that any record's text hash can be checked. */
@Entity
@Table(name = "purpose_text")
@IdClass(PurposeText.Key.class)
public class PurposeText extends PanacheEntityBase {

    @Id
    @Column(name = "purpose_code")
    public String purposeCode;

    @Id
    public int version;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "text_fr")
    public String textFr;

    @Column(name = "hash_en")
    public String hashEn;

    @Column(name = "hash_fr")
    public String hashFr;

    @Column(name = "defined_at")
    public Instant definedAt;

    public boolean shows(String textHash) {
        return hashEn.equalsIgnoreCase(textHash) || hashFr.equalsIgnoreCase(textHash);
    }

    public static PurposeText find(String purposeCode, int version) {
        return findById(new Key(purposeCode, version));
    }

    public static class Key implements Serializable {

        public String purposeCode;
        public int version;

        public Key() {
        }

        Key(String purposeCode, int version) {
            this.purposeCode = purposeCode;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && Objects.equals(key.purposeCode, purposeCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(purposeCode, version);
        }
    }
}
