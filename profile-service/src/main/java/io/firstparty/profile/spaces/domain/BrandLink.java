package io.firstparty.profile.spaces.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A brand to link into an existing shared space, named as its sources name it. */
public record BrandLink(@NotBlank @Size(max = 100) String brand) {
}
