import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Checks a local Kafka broker with the real client.
 *
 * <pre>
 *   java -cp '&lt;kafka lib&gt;/*' platform/kafka/KafkaCheck.java ready     localhost:9092
 *   java -cp '&lt;kafka lib&gt;/*' platform/kafka/KafkaCheck.java roundtrip localhost:9092
 *   java -cp '&lt;kafka lib&gt;/*' platform/kafka/KafkaCheck.java topics    localhost:9092
 * </pre>
 *
 * ready: the cluster answers a metadata request and has a controller.
 * roundtrip: creates a throw-away topic, produces one record with acks=all per compression codec
 * (so the broker is known to read every codec clients may use), consumes them back, deletes the
 * topic. topics: lists topics with their partition counts.
 * Exit code 0 on success, 1 otherwise (with the reason on stderr).
 */
public class KafkaCheck {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaCheck ready|roundtrip|topics <bootstrap-servers>");
            System.exit(2);
        }
        String bootstrap = args[1];
        try {
            switch (args[0]) {
                case "ready" -> ready(bootstrap);
                case "roundtrip" -> roundtrip(bootstrap);
                case "topics" -> topics(bootstrap);
                default -> {
                    System.err.println("unknown check: " + args[0]);
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("Kafka check '" + args[0] + "' on " + bootstrap + " failed: " + cause);
            System.exit(1);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    private static void ready(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(10, TimeUnit.SECONDS);
            int nodes = cluster.nodes().get(10, TimeUnit.SECONDS).size();
            var controller = cluster.controller().get(10, TimeUnit.SECONDS);
            if (controller == null || controller.isEmpty()) {
                throw new IllegalStateException("no active controller");
            }
            System.out.println("Kafka cluster " + id + ": " + nodes + " broker(s), controller " + controller.id());
        }
    }

    private static void topics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            var descriptions = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            names.stream().sorted().forEach(n ->
                    System.out.println(n + "\tpartitions=" + descriptions.get(n).partitions().size()));
        }
    }

    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private static void roundtrip(String bootstrap) throws Exception {
        String topic = "firstparty.platform-check." + UUID.randomUUID();
        String key = "check-key";
        String value = "check-" + System.nanoTime();
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            try {
                for (String codec : CODECS) {
                    Properties pp = new Properties();
                    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    pp.put(ProducerConfig.ACKS_CONFIG, "all");
                    pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
                    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
                        producer.send(new ProducerRecord<>(topic, key, value + "-" + codec)).get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("producing with compression " + codec + " failed", e);
                    }
                }
                Properties cp = new Properties();
                cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                cp.put(ConsumerConfig.GROUP_ID_CONFIG, "firstparty-platform-check-" + UUID.randomUUID());
                cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
                cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
                    consumer.subscribe(List.of(topic));
                    Set<String> missing = new TreeSet<>(CODECS);
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                            if (key.equals(r.key()) && r.value().startsWith(value + "-")) {
                                missing.remove(r.value().substring(value.length() + 1));
                            }
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException("records produced but not consumed back within 30 s: " + missing);
                    }
                    System.out.println("Kafka round trip on " + bootstrap + " OK (topic " + topic + ", "
                            + CODECS.size() + " records, compression " + String.join("/", CODECS) + ")");
                }
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
            }
        }
    }
}
