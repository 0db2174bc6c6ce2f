package io.firstparty.consent.objectionrequests.domain;

import io.firstparty.consent.requests.domain.DataSubjectRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** An objection (Art. 21) filed for a person, complete once its ledger records were written. */
@Entity
@Table(name = "objection_request")
public class ObjectionRequest extends DataSubjectRequest {

    /** JSON array of the purpose codes objected to. */
    public String purposes;

    /** JSON array of the ledger records written (or found again), for every person the request concerns. */
    @Column(name = "record_ids")
    public String recordIds;

    @Column(name = "completed_at")
    public Instant completedAt;

    public static ObjectionRequest received(String profileId, String requestedBy) {
        ObjectionRequest request = new ObjectionRequest();
        request.receive(profileId, requestedBy);
        return request;
    }
}
