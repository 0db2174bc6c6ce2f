package io.firstparty.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures one benchmark phase wrote to its run directory's figures.tsv (benchmarks/platform.sh):
 * "#key TAB value" facts, then one figure a line: name, value, unit, target, verdict, kind, series.
 */
public record PhaseFigures(String phase, Path runDir, Map<String, String> facts, List<Figure> figures) {

    /** One figure; {@code target} is empty or "&gt;= N" / "&lt;= N", {@code verdict} PASS, MISS or empty. */
    public record Figure(String name, String value, String unit, String target, String verdict, String kind, String series) {

        /** The value as a number, NaN when the phase could not measure it. */
        public double number() {
            return parse(value);
        }

        /** The target's number, NaN when there is none. */
        public double targetNumber() {
            return target.isBlank() ? Double.NaN : parse(target.replaceAll("^[<>=\\s]+", ""));
        }

        /** The percentile in the name's last word (p50, p99, p99.9, max, median), or the name. */
        public String percentile() {
            String[] words = name.split(" ");
            return words[words.length - 1];
        }

        private static double parse(String text) {
            try {
                return Double.parseDouble(text.replace(",", "").trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    public static PhaseFigures read(Path runDir) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        List<Figure> figures = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("figures.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (line.startsWith("#")) {
                facts.merge(cells[0].substring(1), cells.length > 1 ? cells[1] : "", (a, b) -> a + "; " + b);
            } else if (cells.length >= 6) {
                figures.add(new Figure(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells.length > 6 ? cells[6] : ""));
            }
        }
        return new PhaseFigures(facts.getOrDefault("phase", runDir.getFileName().toString()), runDir, facts, figures);
    }

    public List<Figure> ofKind(String... kinds) {
        return figures.stream().filter(f -> List.of(kinds).contains(f.kind())).toList();
    }

    public List<Figure> withTarget() {
        return figures.stream().filter(f -> !f.target().isBlank()).toList();
    }
}
