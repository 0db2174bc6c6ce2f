package io.firstparty.consent.access.domain;

import io.firstparty.consent.requests.domain.ServiceOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** One service's current delivery of its part of an access request; its content is in chunks. */
@Entity
@Table(name = "access_part")
@IdClass(ServiceOutcome.Key.class)
public class AccessPart extends ServiceOutcome {

    @Column(name = "delivery_id")
    public String deliveryId;

    public int chunks;

    /** JSON array of the profile ids the service resolved the request to. */
    @Column(name = "profile_ids")
    public String profileIds;

    /** JSON object of counts by kind. */
    public String counts;

    /** The service's time for this delivery: an older delivery's late chunk never replaces it. */
    @Column(name = "started_at")
    public Instant startedAt;

    /** Set once every chunk of the delivery is held. */
    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
