package io.firstparty.consent.state.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firstparty.consent.state.service.Verdict;
import io.firstparty.contracts.events.LawfulBasis;

import java.util.List;
import java.util.UUID;

/** The answers in the order the profile ids were asked, with the counts. */
public record BatchCheckResult(String purpose, LawfulBasis lawfulBasis, int allowed, int denied, List<Answer> results) {

    /** One person's answer, kept short: a batch carries up to 10,000 of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String profileId, boolean allowed, String reason, UUID recordId) {

        static Answer of(Verdict verdict) {
            return new Answer(verdict.profileId(), verdict.allowed(), verdict.reason(), verdict.recordId());
        }
    }

    public static BatchCheckResult of(String purpose, LawfulBasis lawfulBasis, List<Verdict> verdicts) {
        List<Answer> answers = verdicts.stream().map(Answer::of).toList();
        int allowed = (int) answers.stream().filter(Answer::allowed).count();
        return new BatchCheckResult(purpose, lawfulBasis, allowed, answers.size() - allowed, answers);
    }
}
