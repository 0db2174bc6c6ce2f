package io.firstparty.profile.rules.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What an admin sends to change one identifier type's rule. */
public record MergeRuleChange(
        @NotNull @Min(0) @Max(1000) Integer priority,
        @NotNull @Min(1) @Max(1000) Integer maxPerProfile,
        @NotNull @Min(1) @Max(10000) Integer sharedAfter,
        @NotNull @Size(max = 1000) List<@NotBlank @Size(max = 256) String> blockedValues,
        @Size(max = 50) List<@NotBlank @Size(max = 40) String> declaredTraits) {
}
