package io.marketplace.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a body whose Content-Length is over the limit for its content type (JSON 1 MiB by default; images or
 * archives as configured) with a 413 problem, before the body is read; a chunked body is read up to that limit. It runs ahead of Quarkus's own upload limit
 * (route order -2), which would close the connection with an empty 413. A body without a Content-Type is a 415: the
 * resources would otherwise read it as whatever they consume.
 *
 * <p>A body of at most {@link #READ_AHEAD_LIMIT} (JSON, a small image) is read here, on the event loop, before the
 * resource runs. Quarkus REST otherwise hands a blocking method's body to its worker thread as a stream that waits
 * for the event loop: a client that sends its body slowly held a worker thread for as long (and the hand-over, a
 * monitor both threads contend for, was 7-9% of integrations- and keys-service's profile samples). Forms are left to
 * Quarkus REST, which parses them itself; larger bodies (archives) still stream, so they are not held in memory twice.
 */
@ApplicationScoped
public class BodyLimit {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;
    private static final long READ_AHEAD_LIMIT = 64 * 1024;

    void install(@Observes Router router, PlatformConfig config, ObjectMapper json) {
        long fallback = config.http().defaultBodyLimit().asLongValue();
        Map<String, Long> byType = new HashMap<>();
        Map<Long, BodyHandler> readers = new ConcurrentHashMap<>();
        config.http().bodyLimits().forEach((type, size) -> byType.put(type.toLowerCase(Locale.ROOT), size.asLongValue()));
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            long length = contentLength(ctx);
            String type = mediaType(ctx);
            long limit = byType.getOrDefault(type, fallback);
            if (type.isEmpty() && (length > 0 || ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null)) {
                EdgeProblem.answer(ctx, json, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, 415,
                        "The request has a body but no Content-Type; say what it is (application/json, image/png, …)"));
            } else if (length < 0 && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                // chunked: no length to judge up front, so the body is read here and refused once past the limit
                // (a 413 that RequestGuard's failure handler writes as a problem)
                readers.computeIfAbsent(limit, max -> BodyHandler.create(false).setBodyLimit(max)).handle(ctx);
            } else if (length > limit) {
                EdgeProblem.answer(ctx, json, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, 413, "The request body is " + length
                        + " bytes; at most " + limit + " bytes of " + (type.isEmpty() ? "this content" : type)
                        + " are accepted"));
            } else if (length > 0 && length <= READ_AHEAD_LIMIT && !form(type)) {
                readers.computeIfAbsent(limit, max -> BodyHandler.create(false).setBodyLimit(max)).handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean form(String type) {
        return type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    private static long contentLength(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String mediaType(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return "";
        }
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
