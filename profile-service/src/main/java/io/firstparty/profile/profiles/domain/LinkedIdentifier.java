package io.firstparty.profile.profiles.domain;

import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An identifier in the graph of one identity space: the profile it points at, the profile it first
 * joined, and whether it still links people. The same value may be known in several spaces.
 */
@Entity
@Table(name = "profile_identifier")
@IdClass(LinkedIdentifier.Key.class)
public class LinkedIdentifier extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String space;
        public String type;
        public String value;

        public Key() {
        }

        public Key(String space, Identifier identifier) {
            this.space = space;
            this.type = identifier.type().code();
            this.value = identifier.value();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && space.equals(key.space) && type.equals(key.type) && value.equals(key.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(space, type, value);
        }
    }

    @Id
    public String space;

    @Id
    public String type;

    @Id
    public String value;

    @Column(name = "profile_id")
    public UUID profileId;

    @Column(name = "origin_profile_id")
    public UUID originProfileId;

    public String status;

    public int conflicts;

    @Column(name = "linked_by")
    public String linkedBy;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    public Identifier identifier() {
        return new Identifier(IdentifierType.fromCode(type), value);
    }

    public static LinkedIdentifier find(String space, Identifier identifier) {
        return findById(new Key(space, identifier));
    }

    /** The identifier in every identity space that knows it, by space name. */
    public static List<LinkedIdentifier> inEverySpace(Identifier identifier) {
        return list("type = ?1 and value = ?2 order by space", identifier.type().code(), identifier.value());
    }

    public static List<LinkedIdentifier> ofProfile(UUID profileId) {
        return list("profileId = ?1 order by firstSeenAt, type, value", profileId);
    }
}
