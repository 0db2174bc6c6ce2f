package io.firstparty.profile.spaces.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A shared identity space to create, with the brands linked into it (at least two: one brand
 * alone already has a space of its own).
 *
 * @param name lower-case letters, digits and dashes; the space is then {@code shared:<name>}
 */
public record NewSpace(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1 to 63 lower-case letters, digits or dashes") String name,
        @NotNull @Size(min = 2, max = 100, message = "must name 2 to 100 brands") List<@NotBlank @Size(max = 100) String> brands) {
}
