package io.firstparty.consent.erasure.domain;

import io.firstparty.consent.requests.domain.ServiceOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** One service's last word on an erasure request. */
@Entity
@Table(name = "erasure_report")
@IdClass(ServiceOutcome.Key.class)
public class ErasureReport extends ServiceOutcome {

    @Column(name = "items_erased")
    public long itemsErased;

    @Column(name = "reported_at")
    public Instant reportedAt;
}
