package io.firstparty.system.scale;

import io.firstparty.kit.testing.Eventually;
import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.BrokerAdmin;
import io.firstparty.system.platform.Http;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.ManagedProcess;
import io.firstparty.system.platform.Service;
import io.firstparty.system.platform.SteadyLoad;
import io.firstparty.system.reconcile.NoticeCampaignReconciliation;
import io.firstparty.system.reconcile.Reconciliation;
import io.firstparty.system.reconcile.Reconciliations;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale out: two replicas of every service, ingestion's collection and archiver roles apart (two
 * collection replicas with the archive off take all the load; the first replica and one more
 * archive). The results are the same as with one replica, each consumer group shares its topics'
 * partitions between its two members, nothing is stored or counted twice, and a notice campaign sent
 * by both consent replicas reaches nobody twice.
 */
@Tag("scale")
@Order(20)
class TwoReplicasOfEveryServiceTest {

    /** A group named after its replica (e.g. ingestion's suppression list, which every replica reads in full). */
    private static final Pattern PER_REPLICA_GROUP = Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> GROUPS_OF_TODAY = List.of("ingestion-archive", "ingestion-failed-events");
    /**
     * Shared groups with other than two members: profile-service resolves with two consumers a replica,
     * and every ingestion replica of either role answers access requests.
     */
    private static final Map<String, Integer> MEMBERS_OF = Map.of("profile-resolution", 4, "ingestion-access", 4);
    private static final int COLLECTION_REPLICA = 1;
    private static final int OTHER_COLLECTION_REPLICA = 2;
    private static final int SECOND_ARCHIVER = 3;

    private static LocalPlatform platform;

    @BeforeAll
    static void twoReplicasOfEverything() {
        platform = LocalPlatform.get();
        long start = System.nanoTime();
        List<Replica> replicas = List.of(
                new Replica(Service.INGESTION, COLLECTION_REPLICA, Map.of("FIRSTPARTY_ARCHIVE_ENABLED", "false")),
                new Replica(Service.INGESTION, OTHER_COLLECTION_REPLICA, Map.of("FIRSTPARTY_ARCHIVE_ENABLED", "false")),
                new Replica(Service.INGESTION, SECOND_ARCHIVER, Map.of("FIRSTPARTY_ARCHIVE_ENABLED", "true")),
                new Replica(Service.PROFILE, 1, Map.of()),
                new Replica(Service.SEGMENT, 1, Map.of()),
                new Replica(Service.CONSENT, 1, Map.of()));
        List<ManagedProcess> started = replicas.stream()
                .map(replica -> platform.startReplica(replica.service(), replica.index(), replica.settings())).toList();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            Http.awaitOk(started.get(i), LocalPlatform.replicaUrl(replica.service(), replica.index()) + "/q/health/ready",
                    Duration.ofMinutes(4));
        }
        System.out.printf("scale-out: %d more replicas ready in %.1f s%n", replicas.size(), (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void backToOneReplica() {
        platform.stopReplicas();
    }

    @Test
    void theSameResultsWithPartitionsSharedAndNothingCountedTwice() {
        long start = System.nanoTime();
        List<Brand> brands = List.of(Brand.create(platform, "Maison Double"), Brand.create(platform, "Atelier Pair"));
        List<String> collection = List.of(LocalPlatform.replicaUrl(Service.INGESTION, COLLECTION_REPLICA),
                LocalPlatform.replicaUrl(Service.INGESTION, OTHER_COLLECTION_REPLICA));
        // 2 senders x 10 batches/s x 20 messages: 400 messages/s until 30,000 are sent.
        List<Reconciliation> reconciliations = new ArrayList<>(Reconciliations.beforeLoad(platform, brands));
        // Sent once the load is over, by both consent replicas at once.
        reconciliations.add(new NoticeCampaignReconciliation(platform, brands.get(0)));
        SteadyLoad load = new SteadyLoad(collection, brands, 20, 30_000, Duration.ofMinutes(5), 10);
        load.start(2);
        Ledger ledger = load.awaitEnd();
        System.out.printf("load over two collection replicas: %d messages accepted and %d rejected by a 2xx in %.1f s;"
                        + " requests by answer status %s%n", ledger.acceptedTotal(), ledger.rejectedTotal(),
                (System.nanoTime() - start) / 1e9, ledger.statuses());

        List<String> discrepancies = Reconciliations.run(reconciliations, ledger, Duration.ofMinutes(5));
        System.out.printf("scale-out test: load and reconciliation in %.0f s%n", (System.nanoTime() - start) / 1e9);
        assertTrue(ledger.acceptedTotal() >= 25_000, "the load got too little through: " + ledger.acceptedTotal());
        assertEquals(List.of(), discrepancies);

        try (BrokerAdmin broker = new BrokerAdmin(platform.kafkaBootstrap())) {
            checkConsumerGroups(broker);
        }
    }

    /**
     * Every group shared by a service's replicas has both replicas as members, which split its topics'
     * partitions between them with none left out and none twice; every group of one replica has all
     * of its topics' partitions.
     */
    private static void checkConsumerGroups(BrokerAdmin broker) {
        // Groups settle after the last restart's rebalance: checked again until they do, else each problem is named.
        Eventually.within(Duration.ofMinutes(2), () -> {
            Map<String, ConsumerGroupDescription> groups = active(broker);
            assertTrue(groups.keySet().containsAll(GROUPS_OF_TODAY), "consumer groups on the broker: " + groups.keySet());
            assertEquals(List.of(), problems(broker, groups));
        });
        active(broker).forEach((id, group) -> System.out.printf("consumer group %s: %d members, partitions per member %s%n",
                id, group.members().size(), group.members().stream().map(member -> member.assignment().topicPartitions().size()).toList()));
    }

    private static List<String> problems(BrokerAdmin broker, Map<String, ConsumerGroupDescription> groups) {
        List<String> problems = new ArrayList<>();
        groups.forEach((id, group) -> {
            Set<TopicPartition> assigned = new HashSet<>();
            int overlapping = 0;
            for (MemberDescription member : group.members()) {
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    overlapping += assigned.add(partition) ? 0 : 1;
                }
            }
            Set<TopicPartition> all = partitions(broker, assigned);
            int expectedMembers = expectedMembers(id);
            long idle = group.members().stream().filter(member -> member.assignment().topicPartitions().isEmpty()).count();
            if (group.members().size() != expectedMembers || overlapping > 0 || !assigned.equals(all)
                    || all.size() >= expectedMembers && idle > 0) {
                problems.add(id + ": " + group.members().size() + " members (expected " + expectedMembers + "), "
                        + assigned.size() + " of " + all.size() + " partitions assigned, " + overlapping
                        + " assigned twice, " + idle + " members idle");
            }
        });
        return problems;
    }

    /** Two replicas' consumers in a shared group, unless it says otherwise; a group of one replica has that replica alone. */
    private static int expectedMembers(String group) {
        return PER_REPLICA_GROUP.matcher(group).matches() ? 1 : MEMBERS_OF.getOrDefault(group, 2);
    }

    /** The groups with members now (those of replicas killed or stopped earlier in the run are empty). */
    private static Map<String, ConsumerGroupDescription> active(BrokerAdmin broker) {
        return broker.consumerGroups().entrySet().stream().filter(group -> !group.getValue().members().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every partition of the topics the given partitions belong to. */
    private static Set<TopicPartition> partitions(BrokerAdmin broker, Set<TopicPartition> some) {
        Set<String> topics = some.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        return broker.topics(topics).values().stream()
                .flatMap(topic -> topic.partitions().stream().map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toSet());
    }

    private record Replica(Service service, int index, Map<String, String> settings) {
    }
}
