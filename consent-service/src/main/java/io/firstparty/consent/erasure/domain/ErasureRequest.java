package io.firstparty.consent.erasure.domain;

import io.firstparty.consent.requests.domain.DataSubjectRequest;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An erasure (Art. 17), tracked against its deadline until every service reported. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends DataSubjectRequest {

    public static ErasureRequest received(String profileId, String requestedBy) {
        ErasureRequest request = new ErasureRequest();
        request.receive(profileId, requestedBy);
        return request;
    }
}
