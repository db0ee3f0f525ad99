package io.marketplace.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Writes a problem from a route handler that runs before the request reaches a resource (and its exception mappers). */
final class EdgeProblem {

    private EdgeProblem() {
    }

    /** Answers and closes the connection: the rest of the request (a body, more headers) is not read. */
    static void answer(RoutingContext ctx, ObjectMapper json, Problem problem) {
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Buffer.buffer(json.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) {
            ctx.fail(problem.status(), e);
        }
    }
}
