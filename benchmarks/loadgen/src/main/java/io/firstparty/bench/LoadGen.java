package io.firstparty.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the benchmarks (benchmarks/*.sh run it; ingestion's HTTP load is wrk's).
 * Prints its figures as {@code RESULT key=value} lines.
 *
 * <pre>
 *   messages --out FILE [--count 1000] [--users 250] [--seed 42]
 *   raw      --bootstrap HOST:PORT --topic T --messages FILE --source-id UUID [--partitions 12]
 *            [--compression lz4|none|...] [--warmup 10] [--seconds 30] [--run-id ID]
 *   sample   --bootstrap HOST:PORT --topic T [--count 2000]
 *   lag      --bootstrap HOST:PORT --topic T --group G [--max-seconds 60]
 *   watch    --bootstrap HOST:PORT --topic T --group G [--seconds 60]
 *   profile  --bootstrap HOST:PORT --count N [--rate 0] [--stored 0] [--max-seconds 300] [--run-id ID]
 *   http     --url URL --token JWT --people N [--method GET] [--body TEMPLATE] [--choices a,b,...]
 *            [--rate 1000] [--warmup 20] [--seconds 30]   (open loop; see OpenLoopHttp)
 * </pre>
 */
public final class LoadGen {

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "messages" -> {
                List<String> lines = Messages.generate(integer(options, "count", 1000), integer(options, "users", 250),
                        Long.parseLong(options.getOrDefault("seed", "42")));
                Messages.write(Path.of(required(options, "out")), lines);
                IntSummaryStatistics sizes = lines.stream().mapToInt(Messages::typicalSize).summaryStatistics();
                System.out.printf("RESULT messages=%d%n", sizes.getCount());
                System.out.printf("RESULT message_bytes_avg=%.1f%n", sizes.getAverage());
                System.out.printf("RESULT message_bytes_min=%d%n", sizes.getMin());
                System.out.printf("RESULT message_bytes_max=%d%n", sizes.getMax());
            }
            case "raw" -> new RawProducer(required(options, "bootstrap"), required(options, "topic"),
                    integer(options, "partitions", 12), required(options, "source-id"),
                    options.getOrDefault("compression", "lz4"),
                    Messages.read(Path.of(required(options, "messages"))))
                    .run(options.getOrDefault("run-id", Long.toString(System.currentTimeMillis() / 1000)),
                            integer(options, "warmup", 10), integer(options, "seconds", 30));
            case "sample" -> TopicTools.sample(required(options, "bootstrap"), required(options, "topic"),
                    integer(options, "count", 2000));
            case "lag" -> TopicTools.waitForGroup(required(options, "bootstrap"), required(options, "topic"),
                    required(options, "group"), integer(options, "max-seconds", 60));
            case "watch" -> TopicTools.watchGroup(required(options, "bootstrap"), required(options, "topic"),
                    required(options, "group"), integer(options, "seconds", 60));
            case "profile" -> new ProfileLoad(required(options, "bootstrap"), integer(options, "stored", 0),
                    options.getOrDefault("run-id", Long.toString(System.currentTimeMillis() / 1000)))
                    .run(integer(options, "count", 10000), integer(options, "rate", 0), integer(options, "max-seconds", 300));
            case "http" -> new OpenLoopHttp(options.getOrDefault("method", "GET"), required(options, "url"),
                    options.get("body"), required(options, "token"), integer(options, "people", 1),
                    options.containsKey("choices") ? List.of(options.get("choices").split(",")) : List.of())
                    .run(integer(options, "rate", 1000), integer(options, "warmup", 20), integer(options, "seconds", 30));
            default -> usage();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("missing --" + name);
            usage();
        }
        return value;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    private static void usage() {
        System.err.println("usage: LoadGen messages|raw|sample|lag|watch|profile|http [--option value]... (see the class comment)");
        System.exit(2);
    }
}
