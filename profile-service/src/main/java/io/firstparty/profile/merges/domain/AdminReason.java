package io.firstparty.profile.merges.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an admin changed the graph; it travels with the profile change, so it must not hold personal data. */
public record AdminReason(@NotBlank @Size(max = 500) String reason) {
}
