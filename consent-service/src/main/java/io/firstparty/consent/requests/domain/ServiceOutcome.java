package io.firstparty.consent.requests.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.io.Serializable;

/** One service's answer to a data-subject request, keyed by request and service. */
@MappedSuperclass
public abstract class ServiceOutcome extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Id
    public String service;

    public String outcome;

    public String detail;

    /** The id class of both kinds of answer. */
    public record Key(String requestId, String service) implements Serializable {
    }
}
