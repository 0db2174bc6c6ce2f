package io.firstparty.segment.audience.domain;

import java.util.Arrays;
import java.util.Optional;

public enum ExportFormat {
    CSV("csv", "text/csv"), NDJSON("ndjson", "application/x-ndjson");

    private final String code;
    private final String mediaType;

    ExportFormat(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    public String code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ExportFormat> parse(String code) {
        return Arrays.stream(values()).filter(format -> format.code.equals(code)).findFirst();
    }
}
