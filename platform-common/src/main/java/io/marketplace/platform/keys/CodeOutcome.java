package io.marketplace.platform.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketplace.platform.problem.Problem;

/**
 * What became of one request of a {@link CodeRequests} batch: the code {@code issued}, or the problem that
 * {@code refused} it (404 for an integration keys-service does not know, 410 for an installation that is over),
 * exactly as the single-code endpoint would have answered it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeOutcome(IssuedCode issued, Problem refused) {

    public static CodeOutcome issued(IssuedCode code) {
        return new CodeOutcome(code, null);
    }

    public static CodeOutcome refused(Problem problem) {
        return new CodeOutcome(null, problem);
    }
}
