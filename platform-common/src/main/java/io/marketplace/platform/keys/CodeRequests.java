package io.marketplace.platform.keys;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Several {@link CodeRequest}s in one call, up to {@link #MAX_REQUESTS}: webhook-service asks for the codes of the
 * deliveries it is making at the same time, so a burst of installs costs keys-service a request per batch rather than
 * per code.
 */
public record CodeRequests(@Schema(minItems = 1, maxItems = MAX_REQUESTS) List<CodeRequest> requests) {
    public static final int MAX_REQUESTS = 100;
}
