package io.marketplace.integrations.service.archive;

import java.util.List;

/** The machine-readable answer to an archive upload or check. */
public record ArchiveReport(boolean valid, List<Finding> errors, List<Finding> warnings) {
}
