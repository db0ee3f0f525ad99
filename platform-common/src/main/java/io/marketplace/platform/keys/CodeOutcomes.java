package io.marketplace.platform.keys;

import java.util.List;

/** The outcome of each request of a {@link CodeRequests} batch, in the order asked. */
public record CodeOutcomes(List<CodeOutcome> results) {
}
