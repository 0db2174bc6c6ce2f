// Load generator of the freshness benchmark (benchmarks/freshness-bench.sh), run as a single source
// file with the Kafka client and Jackson on the class path:
//
//   java -cp "<kafka libs>/*" FreshnessLoad.java INGESTION_URL WRITE_KEY BOOTSTRAP RATE SECONDS WARMUP BATCH
//
// Posts RATE events/s to POST /v1/batch for WARMUP + SECONDS seconds, BATCH events a request, on a
// schedule fixed in advance (open loop: a request is due at its slot whatever the answers before it
// did). Each request carries one "Bench Signal" event of a person never seen before, which puts that
// person into the benchmark's segment, and BATCH - 1 page views of known visitors. For every signal
// of the measured seconds it takes the time ingestion answered 200 (the event's acceptance), finds
// the profile it resolved to on firstparty.identities.resolved, and the SegmentEntered record of that
// profile on firstparty.segments.membership with the time it was published (the record's timestamp):
// freshness = published - accepted, split at the IdentityResolved record's publication into the
// profile service's part and the segment service's. Prints RESULT key=value lines.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

public class FreshnessLoad {

    /** Connections posting at once: enough for 100 requests/s at up to ~300 ms each. */
    private static final int CONNECTIONS = 32;
    /** Known visitors whose page views make the rest of the load. */
    private static final int VISITORS = 20_000;
    /** How long to wait, after the load, for the last signals' entries. */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String auth;
    private final String bootstrap;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Signal message id to the time (epoch ms) ingestion accepted it; measured seconds only. */
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    /** Profile id to the signal's resolution, from the resolved events. */
    private final Map<String, Resolution> signalOf = new ConcurrentHashMap<>();
    /** Profile id to the time its SegmentEntered was published. */
    private final Map<String, Long> enteredAt = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    FreshnessLoad(String url, String writeKey, String bootstrap) {
        this.url = url;
        this.auth = "Basic " + java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes());
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws Exception {
        FreshnessLoad load = new FreshnessLoad(args[0], args[1], args[2]);
        load.run(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    void run(int rate, int seconds, int warmup, int batch) throws Exception {
        List<Thread> readers = List.of(
                reader("firstparty.identities.resolved", this::onResolved),
                reader("firstparty.segments.membership", this::onMembership));
        readers.forEach(Thread::start);

        int requests = (warmup + seconds) * rate / batch;
        int measuredFrom = warmup * rate / batch;
        long intervalNanos = 1_000_000_000L * batch / rate;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong lateMillis = new AtomicLong();
        long[] answerMillis = new long[requests];
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        Thread[] workers = new Thread[CONNECTIONS];
        for (int w = 0; w < CONNECTIONS; w++) {
            workers[w] = new Thread(() -> {
                for (int slot = next.getAndIncrement(); slot < requests; slot = next.getAndIncrement()) {
                    long due = start + slot * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        lateMillis.accumulateAndGet(-wait / 1_000_000, Math::max);
                    }
                    String signal = "signal-" + run + "-" + slot;
                    try {
                        HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/batch"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body(slot, signal, batch))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        long now = System.currentTimeMillis();
                        answerMillis[slot] = (System.nanoTime() - due) / 1_000_000;
                        if (answer.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else if (slot >= measuredFrom) {
                            acceptedAt.put(signal, now);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long drainUntil = System.currentTimeMillis() + DRAIN.toMillis();
        while (System.currentTimeMillis() < drainUntil && measuredEntries().size() < acceptedAt.size()) {
            Thread.sleep(200);
        }
        stopping.set(true);
        for (Thread reader : readers) {
            reader.join();
        }

        List<long[]> entries = measuredEntries();
        long[] freshness = entries.stream().mapToLong(entry -> entry[0] + entry[1]).sorted().toArray();
        long[] resolution = entries.stream().mapToLong(entry -> entry[0]).sorted().toArray();
        long[] segmentation = entries.stream().mapToLong(entry -> entry[1]).sorted().toArray();
        long[] answers = Arrays.stream(answerMillis, measuredFrom, requests).sorted().toArray();
        System.out.println("RESULT events=" + (long) requests * batch);
        System.out.println("RESULT rate=" + Math.round(requests * (double) batch / elapsed));
        System.out.println("RESULT failures=" + failures.get());
        System.out.println("RESULT max_late_ms=" + lateMillis.get());
        System.out.println("RESULT answer_p50_ms=" + percentile(answers, 0.50));
        System.out.println("RESULT answer_p99_ms=" + percentile(answers, 0.99));
        System.out.println("RESULT signals=" + acceptedAt.size());
        System.out.println("RESULT entered=" + freshness.length);
        System.out.println("RESULT p50_ms=" + percentile(freshness, 0.50));
        System.out.println("RESULT p99_ms=" + percentile(freshness, 0.99));
        System.out.println("RESULT max_ms=" + (freshness.length == 0 ? -1 : freshness[freshness.length - 1]));
        System.out.println("RESULT resolved_p50_ms=" + percentile(resolution, 0.50));
        System.out.println("RESULT resolved_p99_ms=" + percentile(resolution, 0.99));
        System.out.println("RESULT segment_p50_ms=" + percentile(segmentation, 0.50));
        System.out.println("RESULT segment_p99_ms=" + percentile(segmentation, 0.99));
    }

    /** A signal's message id and when its IdentityResolved was published. */
    private record Resolution(String signal, long publishedAt) {
    }

    /** For every measured signal whose entry was seen: {accepted to resolved, resolved to entered}. */
    private List<long[]> measuredEntries() {
        List<long[]> found = new ArrayList<>();
        enteredAt.forEach((profile, entered) -> {
            Resolution resolution = signalOf.get(profile);
            Long accepted = resolution == null ? null : acceptedAt.get(resolution.signal());
            if (accepted != null) {
                found.add(new long[]{resolution.publishedAt() - accepted, entered - resolution.publishedAt()});
            }
        });
        return found;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private String body(int slot, String signal, int batch) {
        StringBuilder body = new StringBuilder(batch * 200).append("{\"batch\": [");
        body.append("{\"type\": \"track\", \"event\": \"Bench Signal\", \"messageId\": \"").append(signal)
                .append("\", \"userId\": \"newcomer-").append(run).append('-').append(slot)
                .append("\", \"properties\": {\"campaign\": \"winter\"}}");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 1; i < batch; i++) {
            body.append(", {\"type\": \"page\", \"name\": \"Serums\", \"userId\": \"visitor-")
                    .append(random.nextInt(VISITORS))
                    .append("\", \"properties\": {\"path\": \"/serums\", \"referrer\": \"https://search.example\"},")
                    .append(" \"context\": {\"location\": {\"city\": \"Lyon\", \"country\": \"FR\"}}}");
        }
        return body.append("]}").toString();
    }

    private void onResolved(ConsumerRecord<String, String> record) throws Exception {
        if (record.value() != null && record.value().contains("\"signal-" + run)) {
            JsonNode resolved = JSON.readTree(record.value());
            signalOf.put(resolved.path("profileId").asText(),
                    new Resolution(resolved.path("messageId").asText(), record.timestamp()));
        }
    }

    private void onMembership(ConsumerRecord<String, String> record) {
        if (record.value() != null && record.value().contains("SegmentEntered")) {
            enteredAt.putIfAbsent(record.key(), record.timestamp());
        }
    }

    private interface Handler {
        void handle(ConsumerRecord<String, String> record) throws Exception;
    }

    /** Reads a topic from its start until the load is over and drained. */
    private Thread reader(String topic, Handler handler) {
        return new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "freshness-bench-" + run + "-" + topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (!stopping.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        handler.handle(record);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("reading " + topic + " failed", e);
            }
        }, "read-" + topic);
    }
}
