package io.marketplace.integrations.rest;

import io.marketplace.platform.problem.FieldError;
import java.util.List;

/** What still stands between a version and a review request; {@code complete} when {@code problems} is empty. */
public record CompletenessResponse(int version, boolean complete, List<FieldError> problems) {
}
