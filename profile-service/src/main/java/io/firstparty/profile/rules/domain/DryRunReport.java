package io.firstparty.profile.rules.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a rule change would do to stored history: both rule sets replay the same events from an
 * empty graph, and the groupings are compared, so the report shows the change's effect alone.
 *
 * @param wouldMerge groups of today's profiles that the new rules would join
 * @param wouldSplit today's profiles whose events the new rules would spread over several profiles
 * @param truncated  true when history was longer than the replay limit (the oldest events were replayed)
 */
public record DryRunReport(int eventsReplayed, boolean truncated, int profilesBefore, int profilesAfter,
                           List<List<UUID>> wouldMerge, List<UUID> wouldSplit) {
}
