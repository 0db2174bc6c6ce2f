package io.firstparty.consent.access.domain;

import io.firstparty.consent.requests.domain.DataSubjectRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** An access or portability request, tracked against its deadline until every service delivered its part. */
@Entity
@Table(name = "access_request")
public class AccessRequest extends DataSubjectRequest {

    /** {@code access} (Art. 15) or {@code portability} (Art. 20). */
    @Column(name = "access_right")
    public String right;

    /** When the command was last published (filing or a re-run). */
    @Column(name = "last_run_at")
    public Instant lastRunAt;

    public static AccessRequest received(String right, String profileId, String requestedBy) {
        AccessRequest request = new AccessRequest();
        request.receive(profileId, requestedBy);
        request.right = right;
        request.lastRunAt = request.requestedAt;
        return request;
    }
}
