package io.firstparty.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @Test
    void writesTheReportAndChartsFromTheFiguresFiles(@TempDir Path dir) throws Exception {
        Path ingestion = Files.createDirectories(dir.resolve("run-1"));
        Files.writeString(ingestion.resolve("figures.tsv"), String.join("\n",
                "#phase\tingestion",
                "#command\t./firstparty bench",
                "/v1/batch messages/s\t30000.4\tmessages/s\t>= 25000\tPASS\tthroughput\t",
                "raw Kafka producer records/s\t100000\trecords/s\t\t\tlimit\t",
                "/v1/track p99\t40\tms\t<= 25\tMISS\tlatency\t/v1/track",
                "/v1/track p50\t3\tms\t\t\tlatency\t/v1/track",
                "ingestion-service RSS, max under load\t250\tMiB\t<= 300\tPASS\tmemory\tingestion-service", ""));
        Path freshness = Files.createDirectories(dir.resolve("freshness-1"));
        Files.writeString(freshness.resolve("figures.tsv"), String.join("\n",
                "#phase\tfreshness",
                "accepted -> SegmentEntered p99\t480\tms\t<= 1000\tPASS\tfreshness\taccepted -> SegmentEntered", ""));
        Path out = dir.resolve("out/report.md");
        Path charts = dir.resolve("out/report");

        new BenchReport(List.of(PhaseFigures.read(freshness), PhaseFigures.read(ingestion)),
                Map.of("nproc", "2", "commit", "abc1234", "command", "./firstparty bench all"), out, charts).write();

        String md = Files.readString(out);
        assertTrue(md.indexOf("## Phase: ingestion") < md.indexOf("## Phase: freshness"), "phases in pipeline order");
        assertTrue(md.contains("| ingestion | 3 | 2 | 1 |"), md);
        assertTrue(md.contains("| /v1/track p99 | 40 | ms | <= 25 | **MISS** |"), md);
        assertTrue(md.contains("| nproc | 2 |"));
        assertTrue(md.contains("| /v1/batch messages/s | 30000.4 | messages/s | >= 25000 | **PASS** |"), "raw value in the phase's table");
        assertTrue(md.contains("| ingestion | /v1/batch messages/s | 30,000 | messages/s |"), "rounded in the throughput section");
        assertTrue(md.contains("abc1234"));
        assertTrue(md.contains("![ingestion-targets.png](report/ingestion-targets.png)"), md);
        for (String png : List.of("ingestion-targets.png", "ingestion-latency.png", "freshness-latency.png", "memory.png")) {
            BufferedImage image = ImageIO.read(charts.resolve(png).toFile());
            assertEquals(BarChart.WIDTH, image.getWidth(), png);
        }
    }
}
