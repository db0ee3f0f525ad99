package io.marketplace.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemType;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The first route of every service: a URL or header block that no resource could read is answered here with a
 * problem, before routing. Without it, Vert.x answers a bad percent escape, an over-long URL or over-large headers with
 * a bare status line, and the router resolves dot segments ({@code /a/b/../} becomes {@code /a/}), so a request could
 * reach another resource than the one written.
 *
 * <p>A URL is refused (400) when a percent escape is malformed or does not decode to UTF-8, when it carries a control
 * character (NUL included) in its path or query, or when a path segment is {@code .} or {@code ..} (also encoded).
 * The limits apply to the request target ({@code marketplace.http.max-url-length}, 414) and to the header names and
 * values ({@code marketplace.http.max-header-bytes}, 431); Netty's own limits are set far above them so that these
 * answers, with a body, come first.
 *
 * <p>Quarkus checks the URL with {@link URI} before any route and answers a failure with a bare 400; the JVM option
 * {@link #JVM_OPTION} turns that check off, and this guard makes the same check ({@link URI}) and more, with a body.
 * Every way of starting a service passes the option (run.sh, the image, tests, the end-to-end stack); a service
 * started without it warns at startup and still refuses such URLs, only without a body.
 */
@ApplicationScoped
public class RequestGuard {

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    /** Ahead of every route, Quarkus's own included: some read the normalised path, which fails on a bad escape. */
    private static final int FIRST = Integer.MIN_VALUE;
    public static final String JVM_OPTION = "-Dvertx.disableURIValidation=true";

    void install(@Observes Router router, PlatformConfig config, ObjectMapper json) {
        if (!Boolean.getBoolean("vertx.disableURIValidation")) {
            LOG.warnf("Started without %s: a malformed URL gets a 400 without a problem body", JVM_OPTION);
        }
        long maxUrlLength = config.http().maxUrlLength().asLongValue();
        long maxHeaderBytes = config.http().maxHeaderBytes().asLongValue();
        router.route().order(FIRST).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String target = request.uri();
            Problem refusal;
            if (target.length() > maxUrlLength) {
                refusal = Problem.of(ProblemType.URL_TOO_LONG, 414, "The URL is " + target.length()
                        + " characters long; at most " + maxUrlLength + " are accepted");
            } else if (headerBytes(request) > maxHeaderBytes) {
                refusal = Problem.of(ProblemType.HEADERS_TOO_LARGE, 431,
                        "The request headers are larger than the " + maxHeaderBytes + " bytes accepted");
            } else {
                String reason = unreadable(target);
                refusal = reason == null ? null : Problem.of(ProblemType.MALFORMED_URL, 400, reason);
            }
            if (refusal == null) {
                ctx.next();
            } else {
                EdgeProblem.answer(ctx, json, refusal);
            }
        });
        // Vert.x fails a request before any route handler when it cannot be routed (no Host header, for one), and
        // Quarkus would end such failures without a body; resources' own failures never get here.
        router.route().order(FIRST).failureHandler(ctx -> {
            if (ctx.response().headWritten() || isSecurityOutcome(ctx.failure())) {
                ctx.next();
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                // Vert.x's reasons at this stage ("the 'Host' header is required") are about the request, safe to show
                String reason = ctx.failure() == null ? null : ctx.failure().getMessage();
                EdgeProblem.answer(ctx, json, reason == null ? Problem.ofStatus(ctx.statusCode())
                        : Problem.of(ProblemType.HTTP_ERROR, ctx.statusCode(), reason));
            } else {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(ctx.failure(), "Unexpected error %s before the request reached a resource", errorId);
                EdgeProblem.answer(ctx, json, Problem.of(ProblemType.INTERNAL, 500,
                        "An unexpected error occurred; quote error_id when reporting it").withErrorId(errorId));
            }
        });
    }

    /**
     * Quarkus security's own answers, which its failure handler gives: a challenge, or the redirect to or back from an
     * identity provider's login (the authorization page's sign-in).
     */
    private static boolean isSecurityOutcome(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException;
    }

    private static long headerBytes(HttpServerRequest request) {
        long total = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            total += header.getKey().length() + header.getValue().length();
        }
        return total;
    }

    /** Why the request target cannot be read, or null when it can. */
    static String unreadable(String target) {
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            return "The URL is not a valid URI: " + e.getReason() + " at index " + e.getIndex();
        }
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        for (String segment : path.split("/", -1)) {
            String decoded = decode(segment);
            if (decoded == null) {
                return "The URL path has a malformed percent escape or is not UTF-8: " + printable(segment);
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return "The URL path has a dot segment ('" + decoded + "'); write the path without it";
            }
            if (hasControlCharacter(decoded)) {
                return "The URL path has a control character (such as NUL) in " + printable(segment);
            }
        }
        if (queryStart >= 0) {
            for (String parameter : target.substring(queryStart + 1).split("&")) {
                String decoded = decode(parameter.replace('+', ' '));
                if (decoded == null) {
                    return "The query has a malformed percent escape or is not UTF-8: " + printable(parameter);
                }
                if (hasControlCharacter(decoded)) {
                    return "The query has a control character (such as NUL) in " + printable(parameter);
                }
            }
        }
        return null;
    }

    /** Percent-decodes strictly: null on a malformed escape or bytes that are not UTF-8. */
    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 3);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The segment as written, cut short: it goes into a message and a log line. */
    private static String printable(String raw) {
        String cut = raw.length() > 64 ? raw.substring(0, 64) + "…" : raw;
        return "'" + cut + "'";
    }
}
