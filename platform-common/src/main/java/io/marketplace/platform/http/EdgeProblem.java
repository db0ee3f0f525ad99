package io.marketplace.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/** Writes a problem from a route handler that runs before the request reaches a resource (and its exception mappers). */
final class EdgeProblem {

    private EdgeProblem() {
    }

    /** The uri tag of these requests in the HTTP metrics: one value, however many distinct URLs are refused. */
    static final String METRICS_URI = "/REFUSED";

    /** Answers and closes the connection: the rest of the request (a body, more headers) is not read. */
    static void answer(RoutingContext ctx, ObjectMapper json, Problem problem) {
        // without a route template, Micrometer would tag the metric with the raw path: hostile URLs would use up its
        // uri tags (100 by default) and the real endpoints' request metrics would stop being recorded
        if (ctx.request() instanceof HttpServerRequestInternal request) {
            // the key Quarkus REST's ObservabilityUtil (not public) sets and Quarkus Micrometer reads
            request.context().putLocal("UrlPathTemplate", METRICS_URI);
        }
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
