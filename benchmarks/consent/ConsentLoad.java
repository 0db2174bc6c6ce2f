// Batch load of the consent benchmark (benchmarks/consent-bench.sh), run as a single source file:
// java ConsentLoad.java batch ... (the check phase is LoadGen's open-loop http command)
//
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class ConsentLoad {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        switch (args[0]) {
            case "batch" -> batch(client, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode must be batch");
        }
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
