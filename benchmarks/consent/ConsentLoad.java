// Load generator of the consent benchmark (benchmarks/consent-bench.sh), run as a single source
// file: java ConsentLoad.java <mode> ...
//
//   check URL TOKEN RATE SECONDS PEOPLE   POST /v1/consents/check at a fixed rate (open loop): each
//                                         request is due at its slot, and its latency counts from
//                                         that slot, so a stalled service cannot hide its queue
//   batch URL TOKEN SIZE ROUNDS PEOPLE    POST /v1/consents/check/batch with SIZE profile ids, ROUNDS
//                                         times one after the other: time of each answer
//
// People are bench-0 .. bench-(PEOPLE-1). Prints RESULT key=value lines.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class ConsentLoad {

    private static final String[] PURPOSES = {"email_marketing", "personalization", "analytics", "ai_training"};

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        switch (args[0]) {
            case "check" -> check(client, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "batch" -> batch(client, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode must be check or batch");
        }
    }

    private static void check(HttpClient client, String url, String token, int rate, int seconds, int people)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String body = "{\"purpose\":\"" + PURPOSES[random.nextInt(PURPOSES.length)]
                    + "\",\"profileId\":\"bench-" + random.nextInt(people) + "\"}";
            int slot = i;
            pending.add(client.sendAsync(post(url + "/v1/consents/check", token, body), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        latencies[slot] = System.nanoTime() - due;
                        if (error != null || response.statusCode() != 200 || !response.body().contains("\"allowed\"")) {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("RESULT requests=%d%nRESULT failures=%d%nRESULT rate=%.0f%n", total, failures.get(), total / elapsed);
        System.out.printf("RESULT p50_ms=%.2f%nRESULT p99_ms=%.2f%nRESULT max_ms=%.2f%n", percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies[total - 1] / 1e6);
    }

    private static void batch(HttpClient client, String url, String token, int size, int rounds, int people)
            throws Exception {
        String body = "{\"purpose\":\"email_marketing\",\"profileIds\":["
                + IntStream.range(0, size).mapToObj(i -> "\"bench-" + (i % people) + "\"").collect(Collectors.joining(","))
                + "]}";
        long[] times = new long[rounds];
        int failures = 0;
        String allowed = "?";
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(post(url + "/v1/consents/check/batch", token, body),
                    HttpResponse.BodyHandlers.ofString());
            times[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                failures++;
            } else {
                allowed = response.body().replaceAll("(?s).*?\"allowed\":(\\d+).*", "$1");
            }
        }
        Arrays.sort(times);
        System.out.printf("RESULT rounds=%d%nRESULT failures=%d%nRESULT allowed=%s%n", rounds, failures, allowed);
        System.out.printf("RESULT median_ms=%.1f%nRESULT max_ms=%.1f%n", percentile(times, 0.5), times[rounds - 1] / 1e6);
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static double percentile(long[] sortedNanos, double fraction) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(fraction * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
