package io.marketplace.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body over {@code quarkus.http.limits.max-body-size} with a 413 problem before Quarkus's own
 * upload limit (route order -2) would close it with an empty 413; the body is never read.
 */
@ApplicationScoped
public class BodyLimit {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router, ObjectMapper json) throws Exception {
        long limit = maxBodySize.asLongValue();
        byte[] body = json.writeValueAsBytes(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "The request body is larger than the " + limit + " bytes this endpoint accepts"));
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.buffer.Buffer.buffer(body));
            } else {
                ctx.next();
            }
        });
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
