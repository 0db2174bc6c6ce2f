package io.firstparty.consent.state.rest;

import io.firstparty.consent.purposes.rest.PurposeView;
import io.firstparty.consent.state.service.Verdict;

/** One purpose as a preference centre shows it: what it is, and where the person stands. */
public record Choice(PurposeView purpose, Verdict standing) {
}
