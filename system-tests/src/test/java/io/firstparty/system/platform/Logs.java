package io.firstparty.system.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the components' log files. */
public final class Logs {

    private Logs() {
    }

    public static String tail(Path log, int lines) {
        List<String> all = lines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            // A log is written by another process; undecodable bytes are read leniently.
            try {
                return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).lines().toList();
            } catch (IOException again) {
                throw new IllegalStateException("cannot read " + log, again);
            }
        }
    }
}
