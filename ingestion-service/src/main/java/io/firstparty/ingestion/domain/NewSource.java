package io.firstparty.ingestion.domain;

import io.firstparty.contracts.events.EventType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Set;

/** What an admin sends to create a source. */
public record NewSource(
        @NotBlank @Size(max = 100) String brand,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Size(max = 50)
        List<@NotNull @Pattern(regexp = ORIGIN, message = "must be an origin such as https://shop.example.com") String> allowedOrigins,
        @Min(1) @Max(100_000) int rateLimitPerSecond,
        @NotEmpty Set<@NotNull EventType> eventTypes) {

    /** scheme://host[:port], no path: what browsers send in the Origin header. */
    public static final String ORIGIN = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$";
}
