package io.firstparty.profile.merges.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An identifier ({@code type:value}, normalised as at ingestion) to take off its profile, and why.
 *
 * @param brand the brand whose identity space holds it; needed only when several spaces know the identifier
 */
public record IdentifierRemoval(@NotBlank @Size(max = 300) String identifier, @NotBlank @Size(max = 500) String reason,
                                @Size(max = 100) String brand) {
}
