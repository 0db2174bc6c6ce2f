package io.firstparty.profile.reresolution.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** @param batchSize profiles re-resolved per transaction (default 500) */
public record NewResolutionJob(@Min(1) @Max(5000) Integer batchSize) {
}
