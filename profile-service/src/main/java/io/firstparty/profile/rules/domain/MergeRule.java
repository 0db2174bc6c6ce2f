package io.firstparty.profile.rules.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How identifiers of one type link people: which wins, how many a profile may hold, which values never link. */
@Entity
@Table(name = "merge_rule")
public class MergeRule extends PanacheEntityBase {

    @Id
    @Column(name = "identifier_type")
    public String identifierType;

    /** Higher wins: the event lands on the profile of its highest-priority identifier. */
    public int priority;

    @Column(name = "max_per_profile")
    public int maxPerProfile;

    /** Conflicts (different people seen with this value) after which the value is marked shared. */
    @Column(name = "shared_after")
    public int sharedAfter;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "blocked_values")
    public List<String> blockedValues = new ArrayList<>();

    /** For {@code external}: trait names whose values are the brand's own ids. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "declared_traits")
    public List<String> declaredTraits = new ArrayList<>();

    @Column(name = "updated_at")
    public Instant updatedAt;
}
