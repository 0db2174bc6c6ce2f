package io.firstparty.bench.report;

import io.firstparty.bench.report.BarChart.Bar;
import io.firstparty.bench.report.PhaseFigures.Figure;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes benchmarks/report.md and its PNG charts from the figures.tsv of the given run directories
 * and the machine facts (machine.tsv, "key TAB value" lines) gathered by benchmarks/report.sh.
 *
 * <pre>java -Djava.awt.headless=true -cp ... io.firstparty.bench.report.BenchReport \
 *   --out benchmarks/report.md --charts benchmarks/report --machine machine.tsv RUN_DIR...</pre>
 */
public final class BenchReport {

    static final List<String> ORDER = List.of("ingestion", "profile", "segment", "consent", "freshness", "campaign");

    private final List<PhaseFigures> phases;
    private final Map<String, String> machine;
    private final Path out;
    private final Path charts;
    private final StringBuilder md = new StringBuilder();

    BenchReport(List<PhaseFigures> phases, Map<String, String> machine, Path out, Path charts) {
        this.phases = phases.stream().sorted(Comparator.comparingInt(BenchReport::rank)).toList();
        this.machine = machine;
        this.out = out;
        this.charts = charts;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("benchmarks/report.md");
        Path charts = Path.of("benchmarks/report");
        Map<String, String> machine = new LinkedHashMap<>();
        List<PhaseFigures> phases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--charts" -> charts = Path.of(args[++i]);
                case "--machine" -> machine.putAll(readFacts(Path.of(args[++i])));
                default -> {
                    Path dir = Path.of(args[i]);
                    if (Files.isRegularFile(dir.resolve("figures.tsv"))) {
                        phases.add(PhaseFigures.read(dir));
                    } else {
                        System.err.println("no figures.tsv in " + dir + ": skipped");
                    }
                }
            }
        }
        if (phases.isEmpty()) {
            System.err.println("no phase figures given");
            System.exit(2);
        }
        new BenchReport(phases, machine, out, charts).write();
        System.out.println("RESULT report=" + out);
    }

    static Map<String, String> readFacts(Path file) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                facts.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return facts;
    }

    void write() throws IOException {
        Files.createDirectories(charts);
        String chartLink = relative(out.toAbsolutePath().getParent(), charts.toAbsolutePath());
        md.append("# firstparty benchmark report\n\n");
        line("Date", machine.getOrDefault("date", "?"));
        line("Command", "`" + machine.getOrDefault("command", "?") + "`");
        line("Git commit", machine.getOrDefault("commit", "?"));
        md.append('\n');
        boolean quick = phases.stream().anyMatch(p -> p.facts().containsKey("quick") || p.facts().getOrDefault("settings", "").contains("QUICK"))
                || machine.containsKey("quick");
        if (quick) {
            md.append("> **Quick run**: short phases, a smoke test of the benchmark; the figures are not comparable.\n\n");
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (String key : List.of("nproc", "cpu", "memory", "kernel", "os", "java", "postgresql", "kafka")) {
            md.append("| ").append(key).append(" | ").append(escape(machine.getOrDefault(key, "?"))).append(" |\n");
        }
        for (Map.Entry<String, String> fact : machine.entrySet()) {
            if (!List.of("nproc", "cpu", "memory", "kernel", "os", "java", "postgresql", "kafka", "date", "command", "commit")
                    .contains(fact.getKey())) {
                md.append("| ").append(fact.getKey()).append(" | ").append(escape(fact.getValue())).append(" |\n");
            }
        }
        md.append("\nEvery phase starts its own broker, database and services on this machine; the load generators share its CPUs.\n\n");

        md.append("## Summary\n\n| phase | figures with a target | PASS | MISS | run directory |\n|---|---:|---:|---:|---|\n");
        for (PhaseFigures phase : phases) {
            List<Figure> targeted = phase.withTarget();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | `%s` |%n", phase.phase(), targeted.size(),
                    targeted.stream().filter(f -> f.verdict().equals("PASS")).count(),
                    targeted.stream().filter(f -> f.verdict().equals("MISS")).count(), phase.runDir().getFileName()));
        }
        md.append('\n');

        section("Throughput", List.of("throughput"), null);
        section("Latency percentiles", List.of("latency"), null);
        section("End-to-end freshness (accepted → profile → segment membership)", List.of("freshness"), null);
        List<Figure> memory = all("memory");
        section("Resident memory of each service", List.of("memory"), null);
        if (!memory.isEmpty()) {
            List<Bar> bars = new ArrayList<>();
            for (PhaseFigures phase : phases) {
                for (Figure f : phase.ofKind("memory")) {
                    bars.add(bar(phase.phase(), f.name(), f.number(), f.targetNumber(), f.verdict(), text(f)));
                }
            }
            chart(new BarChart("Resident memory (MiB); dashed line: target", "MiB", bars), "memory.png", chartLink);
        }
        section("The machine's own limits and our ratio to them", List.of("limit", "ratio"),
                "Measured in the same run on the same machine: the raw Kafka producer on the records the service publishes, "
                        + "a raw PostgreSQL COPY of the archive's rows, and the ceiling the CPU each resolved event costs allows.");

        for (PhaseFigures phase : phases) {
            md.append("## Phase: ").append(phase.phase()).append("\n\n");
            for (Map.Entry<String, String> fact : phase.facts().entrySet()) {
                if (!fact.getKey().equals("phase")) {
                    md.append("- ").append(fact.getKey()).append(": ").append(escape(fact.getValue())).append('\n');
                }
            }
            md.append("- run directory: `").append(phase.runDir()).append("`\n\n");
            table(phase.figures(), true);
            List<Bar> targets = new ArrayList<>();
            for (Figure f : phase.withTarget()) {
                double target = f.targetNumber();
                // Capped at 300 %, so that one figure far off its target does not flatten the others (its text tells).
                double percent = target > 0 ? Math.min(100 * f.number() / target, 300) : Double.NaN;
                targets.add(bar(phase.phase(), f.name(), percent, 100, f.verdict(), text(f)));
            }
            if (!targets.isEmpty()) {
                chart(new BarChart(phase.phase() + ": figure as % of its target (dashed line: the target; cut at 300 %)", "% of target", targets),
                        phase.phase() + "-targets.png", chartLink);
            }
            List<Bar> latency = new ArrayList<>();
            for (Figure f : phase.ofKind("latency", "freshness")) {
                latency.add(bar(f.series().isBlank() ? f.kind() : f.series(), f.percentile(), f.number(), f.targetNumber(), f.verdict(), text(f)));
            }
            if (!latency.isEmpty()) {
                chart(new BarChart(phase.phase() + ": latency percentiles (ms; dashed line: target)", "ms", latency),
                        phase.phase() + "-latency.png", chartLink);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }

    private void section(String title, List<String> kinds, String intro) {
        List<Figure> figures = all(kinds.toArray(String[]::new));
        if (figures.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        if (intro != null) {
            md.append(intro).append("\n\n");
        }
        md.append("| phase | figure | value | unit | target | verdict |\n|---|---|---:|---|---|---|\n");
        for (PhaseFigures phase : phases) {
            for (Figure f : phase.ofKind(kinds.toArray(String[]::new))) {
                md.append("| ").append(phase.phase()).append(' ');
                row(f, false);
            }
        }
        md.append('\n');
    }

    private void table(List<Figure> figures, boolean raw) {
        md.append("| figure | value | unit | target | verdict |\n|---|---:|---|---|---|\n");
        for (Figure f : figures) {
            row(f, raw);
        }
        md.append('\n');
    }

    /** One figure; {@code raw}: its value exactly as the phase wrote it, otherwise rounded for reading. */
    private void row(Figure f, boolean raw) {
        md.append("| ").append(escape(f.name())).append(" | ").append(raw ? f.value() : formatValue(f)).append(" | ").append(f.unit())
                .append(" | ").append(escape(f.target())).append(" | ")
                .append(f.verdict().isBlank() ? "" : "**" + f.verdict() + "**").append(" |\n");
    }

    private List<Figure> all(String... kinds) {
        return phases.stream().flatMap(p -> p.ofKind(kinds).stream()).toList();
    }

    private void chart(BarChart chart, String file, String link) throws IOException {
        chart.write(charts.resolve(file));
        md.append("![").append(file).append("](").append(link).append('/').append(file).append(")\n\n");
    }

    private static Bar bar(String group, String label, double value, double marker, String verdict, String text) {
        Color color = switch (verdict) {
            case "PASS" -> BarChart.PASS;
            case "MISS" -> BarChart.MISS;
            default -> BarChart.NEUTRAL;
        };
        return new Bar(group, label, value, marker, color, text);
    }

    private static String text(Figure f) {
        return formatValue(f) + " " + f.unit() + (f.target().isBlank() ? "" : " (" + f.target() + ") " + f.verdict());
    }

    private static String formatValue(Figure f) {
        double n = f.number();
        return Double.isNaN(n) ? f.value() : BarChart.format(n);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private void line(String key, String value) {
        md.append("- **").append(key).append("**: ").append(value).append('\n');
    }

    private static int rank(PhaseFigures phase) {
        int index = ORDER.indexOf(phase.phase());
        return index < 0 ? ORDER.size() : index;
    }

    private static String relative(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }
}
