package io.firstparty.consent.access.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One service's current delivery of its part of an access request; its content is in chunks. */
@Entity
@Table(name = "access_part")
@IdClass(AccessPart.Key.class)
public class AccessPart extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Id
    public String service;

    @Column(name = "delivery_id")
    public String deliveryId;

    public int chunks;

    public String outcome;

    /** JSON array of the profile ids the service resolved the request to. */
    @Column(name = "profile_ids")
    public String profileIds;

    /** JSON object of counts by kind. */
    public String counts;

    public String detail;

    /** The service's time for this delivery: an older delivery's late chunk never replaces it. */
    @Column(name = "started_at")
    public Instant startedAt;

    /** Set once every chunk of the delivery is held. */
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    public static class Key implements Serializable {

        public String requestId;
        public String service;

        public Key() {
        }

        public Key(String requestId, String service) {
            this.requestId = requestId;
            this.service = service;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.requestId, requestId)
                    && Objects.equals(key.service, service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, service);
        }
    }
}
