package io.firstparty.profile.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise precision and recall of a clustering: over every pair of identifiers, whether the
 * service put them on one profile and whether they belong to one person.
 */
public record PairwiseScore(double precision, double recall, long predictedPairs, long truePairs) {

    /** One scored identifier: the person who holds it and the profile it resolved to (its own key when unknown). */
    public record Assignment(int person, String profile) {
    }

    public static PairwiseScore of(List<Assignment> assignments) {
        Map<String, Long> perProfile = new HashMap<>();
        Map<Integer, Long> perPerson = new HashMap<>();
        Map<String, Long> perCell = new HashMap<>();
        for (Assignment assignment : assignments) {
            perProfile.merge(assignment.profile(), 1L, Long::sum);
            perPerson.merge(assignment.person(), 1L, Long::sum);
            perCell.merge(assignment.profile() + "/" + assignment.person(), 1L, Long::sum);
        }
        long predicted = perProfile.values().stream().mapToLong(PairwiseScore::pairs).sum();
        long truePairs = perPerson.values().stream().mapToLong(PairwiseScore::pairs).sum();
        long correct = perCell.values().stream().mapToLong(PairwiseScore::pairs).sum();
        return new PairwiseScore(predicted == 0 ? 1.0 : (double) correct / predicted,
                truePairs == 0 ? 1.0 : (double) correct / truePairs, predicted, truePairs);
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }
}
