package io.firstparty.consent.erasure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One service's last word on an erasure request. */
@Entity
@Table(name = "erasure_report")
@IdClass(ErasureReport.Key.class)
public class ErasureReport extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Id
    public String service;

    public String outcome;

    @Column(name = "items_erased")
    public long itemsErased;

    public String detail;

    @Column(name = "reported_at")
    public Instant reportedAt;

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
