// Withdrawal prober of the freshness benchmark (benchmarks/freshness-bench.sh), run as a single source file:
//
//   java Withdrawals.java CONSENT_URL SEGMENT_URL SEGMENT_ID PRIVACY_OFFICER_TOKEN MARKETER_TOKEN EVERY_MS PROFILE...
//
// For each profile in turn, EVERY_MS apart: withdraws its consent to personalization through the
// preference centre (PUT /v1/people/{id}/consents) and, from the moment consent-service answered,
// asks segment-service for the segment's member list and its export together, every 10 ms over kept-alive
// connections, until the person is in neither. Prints one line a withdrawal: the milliseconds from the
// answer to the first round that found the person absent from both, "timeout" after 30 s, or "failed"
// when the withdrawal was refused. A round's own time counts: the figure is never below what a client
// polling this way would see.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

public class Withdrawals {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long GIVE_UP_MS = 30_000;
    private static final long POLL_MS = 10;

    public static void main(String[] args) throws Exception {
        String consent = args[0];
        String segment = args[1];
        String segmentId = args[2];
        String officer = args[3];
        String marketer = args[4];
        long everyMs = Long.parseLong(args[5]);
        for (int i = 6; i < args.length; i++) {
            long started = System.nanoTime();
            System.out.println(withdraw(consent, segment, segmentId, officer, marketer, args[i]));
            long rest = everyMs - (System.nanoTime() - started) / 1_000_000;
            if (rest > 0) {
                Thread.sleep(rest);
            }
        }
    }

    private static String withdraw(String consent, String segment, String segmentId, String officer, String marketer,
                                   String profile) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(consent + "/v1/people/" + profile + "/consents"))
                .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"choices\": {\"personalization\": false}}")).build();
        if (CLIENT.send(put, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            return "failed";
        }
        long answered = System.nanoTime();
        HttpRequest members = get(segment + "/v1/segments/" + segmentId + "/members?limit=1000", marketer);
        HttpRequest export = get(segment + "/v1/segments/" + segmentId + "/export?format=ndjson", marketer);
        String quoted = "\"" + profile + "\"";
        while (true) {
            CompletableFuture<HttpResponse<String>> listed = CLIENT.sendAsync(members, HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> exported = CLIENT.sendAsync(export, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> list = listed.join();
            HttpResponse<String> lines = exported.join();
            long elapsedMs = (System.nanoTime() - answered) / 1_000_000;
            if (list.statusCode() == 200 && lines.statusCode() == 200
                    && !list.body().contains(quoted) && !lines.body().contains(quoted)) {
                return Long.toString(elapsedMs);
            }
            if (elapsedMs > GIVE_UP_MS) {
                return "timeout";
            }
            Thread.sleep(POLL_MS);
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }
}
