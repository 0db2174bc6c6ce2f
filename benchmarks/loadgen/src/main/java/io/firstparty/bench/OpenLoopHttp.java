package io.firstparty.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP requests at a fixed rate (open loop): each request is due at its slot and its latency counts
 * from that slot, so a stalled service cannot hide its queue behind a slower client. In the URL and
 * body, {@code {n}} becomes a random number below {@code people} and {@code {choice}} one of the
 * choices. A warm-up runs first in the same process, so the client's own start is not measured.
 */
final class OpenLoopHttp {

    /** Connections kept open: enough for 1,000 requests/s at up to ~30 ms each. */
    private static final int CONNECTIONS = 32;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String method;
    private final String url;
    private final String body;
    private final String token;
    private final int people;
    private final List<String> choices;

    OpenLoopHttp(String method, String url, String body, String token, int people, List<String> choices) {
        this.method = method;
        this.url = url;
        this.body = body;
        this.token = token;
        this.people = people;
        this.choices = choices;
    }

    /** Latencies of one schedule (nanoseconds, by slot), and how many requests did not answer 200. */
    private record Run(long[] latencies, int failures, double seconds) {
    }

    void run(int rate, int warmupSeconds, int seconds) throws InterruptedException {
        schedule(rate, warmupSeconds);
        Run run = schedule(rate, seconds);
        long[] latencies = run.latencies().clone();
        Arrays.sort(latencies);
        System.out.printf("RESULT requests=%d%nRESULT failures=%d%nRESULT rate=%.0f%n", latencies.length, run.failures(),
                latencies.length / run.seconds());
        System.out.printf("RESULT p50_ms=%.2f%nRESULT p99_ms=%.2f%nRESULT p999_ms=%.2f%nRESULT max_ms=%.2f%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6);
    }

    private Run schedule(int rate, int seconds) throws InterruptedException {
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
                for (int slot = next.getAndIncrement(); slot < total; slot = next.getAndIncrement()) {
                    long due = start + slot * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (client.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
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

    private HttpRequest request() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String n = Integer.toString(random.nextInt(people));
        String choice = choices.isEmpty() ? "" : choices.get(random.nextInt(choices.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fill(url, n, choice)))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(fill(body, n, choice))).build();
    }

    private static String fill(String template, String n, String choice) {
        return template.replace("{n}", n).replace("{choice}", choice);
    }

    private static double percentile(long[] sortedNanos, double fraction) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(fraction * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
