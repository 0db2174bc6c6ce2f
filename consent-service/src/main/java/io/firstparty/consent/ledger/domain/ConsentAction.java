package io.firstparty.consent.ledger.domain;

import io.firstparty.contracts.events.ConsentStatus;

/** What a ledger record says happened. */
public enum ConsentAction {
    GRANT(ConsentStatus.GRANTED),
    REFUSE(ConsentStatus.DENIED),
    WITHDRAW(ConsentStatus.WITHDRAWN),
    OBJECT(ConsentStatus.OBJECTED),
    EXPIRE(ConsentStatus.EXPIRED),
    /** The person's state on a purpose taken from a profile merged into theirs (a denial wins). */
    MERGE(null),
    /** The state a profile had before a merge, back after the merge was undone; none when it had none. */
    UNMERGE(null);

    private final ConsentStatus status;

    ConsentAction(ConsentStatus status) {
        this.status = status;
    }

    /** The status this action leads to; merges carry theirs on the record. */
    public ConsentStatus status() {
        return status;
    }

    /** Whether the status stops processing: a refusal, a withdrawal or an objection. */
    public static boolean denies(ConsentStatus status) {
        return status == ConsentStatus.DENIED || status == ConsentStatus.WITHDRAWN || status == ConsentStatus.OBJECTED;
    }
}
