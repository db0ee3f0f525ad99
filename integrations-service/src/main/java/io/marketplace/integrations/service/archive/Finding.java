package io.marketplace.integrations.service.archive;

/** One problem (or warning) in a widget archive: a stable rule id, the path inside the archive, a message. */
public record Finding(String rule, String path, String message) {
}
