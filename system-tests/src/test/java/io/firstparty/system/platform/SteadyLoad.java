package io.firstparty.system.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady ingestion load, bounded in messages and time, as a Segment SDK sends it: batches of
 * messages with unique message ids, spread over the brands and the collection replicas given, each
 * batch retried with the same message ids after an error (as the SDKs do) until a 2xx answers it.
 * One message in a hundred breaks a rule (a {@code track} without its event name) and must end
 * among the failed events; one identify in three carries an e-mail marketing choice. Every answer is
 * written to the {@link Ledger}. Each person is a user id of one brand's source, whose identify messages
 * carry the person's e-mail address ({@link #emailOf}); {@link #userIdOf} tells whose a message is.
 */
public final class SteadyLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INVALID_EVERY = 100;
    private static final int PEOPLE = 2_000;
    private static final int MAX_ATTEMPTS = 120;
    private static final int CONSENT_EVERY = 9;
    private static final String PREFIX = "load-";

    private final List<String> collectionUrls;
    private final List<Brand> brands;
    private final int batchSize;
    private final long maxMessages;
    private final Duration maxDuration;
    private final int batchesPerSecondPerThread;
    private final Ledger ledger = new Ledger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private ExecutorService senders;
    private long deadline;

    /**
     * @param batchesPerSecondPerThread the pace of each sending thread, so the load stays steady
     *                                  rather than as fast as the machine allows
     */
    public SteadyLoad(List<String> collectionUrls, List<Brand> brands, int batchSize, long maxMessages,
                      Duration maxDuration, int batchesPerSecondPerThread) {
        this.collectionUrls = List.copyOf(collectionUrls);
        this.brands = List.copyOf(brands);
        this.batchSize = batchSize;
        this.maxMessages = maxMessages;
        this.maxDuration = maxDuration;
        this.batchesPerSecondPerThread = batchesPerSecondPerThread;
    }

    public void start(int threads) {
        deadline = System.nanoTime() + maxDuration.toNanos();
        senders = Executors.newFixedThreadPool(threads);
        for (int thread = 0; thread < threads; thread++) {
            int first = thread;
            senders.submit(() -> send(first));
        }
    }

    /** Stops sending new batches, lets the ones under way finish (with their retries), and returns the ledger. */
    public Ledger stop() {
        stopping.set(true);
        senders.shutdown();
        try {
            if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load's senders did not finish their retries");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping the load", e);
        }
        return ledger;
    }

    /** Waits until the load ran out of messages or time by itself, then stops it. */
    public Ledger awaitEnd() {
        while (!done()) {
            sleep(Duration.ofMillis(200));
        }
        return stop();
    }

    private boolean done() {
        return stopping.get() || System.nanoTime() > deadline || sequence.get() >= maxMessages;
    }

    private void send(int thread) {
        long pause = 1_000_000_000L / batchesPerSecondPerThread;
        long next = System.nanoTime();
        int turn = thread;
        while (!done()) {
            Brand brand = brands.get(turn % brands.size());
            Batch batch = batch(brand);
            deliver(brand, batch, turn);
            turn++;
            next += pause;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            } else {
                next = System.nanoTime();
            }
        }
    }

    private Batch batch(Brand brand) {
        List<Map<String, Object>> messages = new ArrayList<>(batchSize);
        Set<String> invalid = new HashSet<>();
        for (int i = 0; i < batchSize; i++) {
            long number = sequence.incrementAndGet();
            String messageId = PREFIX + run + "-" + number;
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("messageId", messageId);
            message.put("userId", userId(number));
            if (number % INVALID_EVERY == 0) {
                message.put("type", "track");
                invalid.add(messageId);
            } else if (number % 3 == 0) {
                message.put("type", "identify");
                message.put("traits", Map.of("plan", number % 2 == 0 ? "gold" : "silver",
                        "email", emailOf(brand, userId(number))));
                if (number % CONSENT_EVERY == 0) {
                    // A person's choice turns every CONSENT_EVERY * PEOPLE messages: grants and withdrawals alternate.
                    message.put("context", Map.of("consent", Map.of("categoryPreferences",
                            Map.of("email_marketing", number / CONSENT_EVERY / PEOPLE % 2 == 0))));
                }
            } else {
                message.put("type", "track");
                message.put("event", "Product Viewed");
                message.put("properties", Map.of("sku", "sku-" + (number % 97), "price", number % 50));
            }
            messages.add(message);
        }
        try {
            return new Batch(brand.sourceId(), JSON.writeValueAsBytes(Map.of("batch", messages)),
                    messages.stream().map(message -> (String) message.get("messageId")).toList(), invalid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user id of the person a message of the load is about (within its source's brand). */
    public static String userIdOf(String messageId) {
        return userId(Long.parseLong(messageId.substring(messageId.lastIndexOf('-') + 1)));
    }

    private static String userId(long number) {
        return "person-" + (number % PEOPLE);
    }

    /** A person's e-mail address, of a domain of the brand's own (one person at two brands has two addresses). */
    public static String emailOf(Brand brand, String userId) {
        return userId + "@" + brand.sourceId().substring(0, 8) + ".load.example";
    }

    /** Posts the batch until a 2xx answers it, to the next replica after each failure. */
    private void deliver(Brand brand, Batch batch, int turn) {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((brand.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
        Duration backoff = Duration.ofMillis(100);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String url = collectionUrls.get((turn + attempt) % collectionUrls.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/batch"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build();
            int status;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status / 100 == 2) {
                    ledger.acked(batch.sourceId(), batch.messageIds(), rejected(response.body()), batch.invalid());
                    return;
                }
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ledger.failedAttempt(batch.sourceId(), batch.messageIds(), status);
            if (status / 100 == 4 && status != 429) {
                return;
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
        ledger.gaveUp(batch.sourceId(), batch.messageIds());
    }

    private static Set<String> rejected(byte[] answer) throws IOException {
        Set<String> ids = new HashSet<>();
        for (JsonNode rejection : JSON.readTree(answer).path("rejected")) {
            ids.add(rejection.path("messageId").asText());
        }
        return ids;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Batch(String sourceId, byte[] body, List<String> messageIds, Set<String> invalid) {
    }
}
