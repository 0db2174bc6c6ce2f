// Load generator of the consent benchmark (benchmarks/consent-bench.sh), run as a single source
// file: java ConsentLoad.java <mode> ...
//
//   check URL TOKEN RATE WARMUP SECONDS PEOPLE
//                                         POST /v1/consents/check at a fixed rate (open loop): each
//                                         request is due at its slot, and its latency counts from
//                                         that slot, so a stalled service cannot hide its queue.
//                                         WARMUP seconds first, in the same process, so that the
//                                         client's own start (JIT, connections) is not measured
//   batch URL TOKEN SIZE ROUNDS PEOPLE    POST /v1/consents/check/batch with SIZE profile ids, ROUNDS
//                                         times one after the other: time of each answer
//
// People are bench-0 .. bench-(PEOPLE-1). Prints RESULT key=value lines.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class ConsentLoad {

    /** Connections the check phase keeps open: enough for 1,000 requests/s at up to ~30 ms each. */
    private static final int CONNECTIONS = 32;
    private static final String[] PURPOSES = {"email_marketing", "personalization", "analytics", "ai_training"};

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        switch (args[0]) {
            case "check" -> {
                int rate = Integer.parseInt(args[3]);
                int people = Integer.parseInt(args[6]);
                check(client, args[1], args[2], rate, Integer.parseInt(args[4]), people);
                report(check(client, args[1], args[2], rate, Integer.parseInt(args[5]), people));
            }
            case "batch" -> batch(client, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode must be check or batch");
        }
    }

    /** Latencies of one schedule, and how many requests failed. */
    private record Run(long[] latencies, int failures, double seconds) {
    }

    private static Run check(HttpClient client, String url, String token, int rate, int seconds, int people)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        // A bounded set of connections, each taking the next due request: the schedule is fixed in
        // advance, so a slow answer delays the requests behind it and their latency shows it.
        Thread[] workers = new Thread[CONNECTIONS];
        for (int w = 0; w < CONNECTIONS; w++) {
            workers[w] = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int slot = next.getAndIncrement(); slot < total; slot = next.getAndIncrement()) {
                    long due = start + slot * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String body = "{\"purpose\":\"" + PURPOSES[random.nextInt(PURPOSES.length)]
                            + "\",\"profileId\":\"bench-" + random.nextInt(people) + "\"}";
                    try {
                        HttpResponse<String> response = client.send(post(url + "/v1/consents/check", token, body),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("\"allowed\"")) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[slot] = System.nanoTime() - due;
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Run(latencies, failures.get(), (System.nanoTime() - start) / 1e9);
    }

    private static void report(Run run) {
        long[] latencies = run.latencies().clone();
        int total = latencies.length;
        Arrays.sort(latencies);
        System.out.printf("RESULT requests=%d%nRESULT failures=%d%nRESULT rate=%.0f%n", total, run.failures(),
                total / run.seconds());
        System.out.printf("RESULT p50_ms=%.2f%nRESULT p99_ms=%.2f%nRESULT p999_ms=%.2f%nRESULT max_ms=%.2f%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999),
                latencies[total - 1] / 1e6);
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
            try {
                HttpResponse<String> response = client.send(post(url + "/v1/consents/check/batch", token, body),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures++;
                } else {
                    allowed = response.body().replaceAll("(?s).*?\"allowed\":(\\d+).*", "$1");
                }
            } catch (java.io.IOException e) {
                failures++;
            }
            times[i] = System.nanoTime() - start;
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
