package io.firstparty.consent.state.rest;

import io.firstparty.consent.state.service.Verdict;
import io.firstparty.contracts.events.LawfulBasis;

import java.util.List;

/** The answers in the order the profile ids were asked, with the counts. */
public record BatchCheckResult(String purpose, LawfulBasis lawfulBasis, int allowed, int denied, List<Verdict> results) {
}
