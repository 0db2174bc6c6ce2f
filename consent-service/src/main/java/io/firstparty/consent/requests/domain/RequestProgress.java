package io.firstparty.consent.requests.domain;

/** A request's status as the API shows it: {@code complete}, {@code overdue}, {@code failed} or {@code in_progress}. */
public interface RequestProgress {

    String COMPLETE = "complete";

    String status();
}
