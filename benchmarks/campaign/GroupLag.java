import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints how many records a consumer group has still to read, summed over the partitions it has
 * committed on (-1 when it has committed nothing yet). Usage: java -cp 'kafka/lib/*' GroupLag.java BOOTSTRAP GROUP
 */
public class GroupLag {

    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(args[1])
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                System.out.println(-1);
                return;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                lag += Math.max(0, ends.get(entry.getKey()).offset() - at);
            }
            System.out.println(lag);
        }
    }
}
