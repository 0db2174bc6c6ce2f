package io.firstparty.profile.resolution.domain;

import io.firstparty.contracts.identity.Identifier;

import java.util.List;
import java.util.Optional;

/**
 * The identifiers an event offers for linking, after validation.
 *
 * @param linkable   valid, not blocked, within the per-event limit, in the order found
 * @param previousId an alias's previous id, which is a user id if the graph knows it as one, else an anonymous id
 * @param rejected   what was set aside, with the reason
 */
public record EventIdentifiers(List<Identifier> linkable, Optional<String> previousId, List<Rejection> rejected) {
}
