package io.marketplace.platform.http;

import io.marketplace.platform.config.PlatformConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;

/**
 * Calls to the JSON API ({@code /api/}) from browser frontends served from another origin, such as a developer console
 * on {@code http://localhost:3000}: {@code marketplace.http.cors-origins} lists the origins allowed, exactly (none by
 * default). A preflight from one of them is answered here, ahead of authentication (it carries no token), with the
 * methods the path accepts; every other answer to it, problems included, names the origin so that the page can read
 * it. Nothing is refused here: a request from another origin gets no CORS headers and the browser keeps the answer
 * from its page, and clients that are not browsers see no difference.
 */
@ApplicationScoped
public class BrowserOrigins {

    /** Right after {@link RequestGuard}: a URL it refuses gets its problem first. */
    private static final int ORDER = Integer.MIN_VALUE + 1;
    private static final String REQUEST_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key";
    private static final String EXPOSED_HEADERS = "Location, Retry-After, ETag, WWW-Authenticate";

    void install(@Observes Router router, PlatformConfig config) {
        Set<String> allowed = Set.copyOf(config.http().corsOrigins().orElse(List.of()));
        if (allowed.isEmpty()) {
            return;
        }
        router.route().order(ORDER).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String origin = request.getHeader("Origin");
            if (origin == null || !allowed.contains(origin) || !request.path().startsWith("/api/")) {
                ctx.next();
                return;
            }
            HttpServerResponse response = ctx.response();
            response.putHeader("Access-Control-Allow-Origin", origin);
            response.headers().add("Vary", "Origin");
            if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
                Set<String> methods = AllowedMethods.on(request.path());
                if (!methods.isEmpty()) {
                    response.putHeader("Access-Control-Allow-Methods", String.join(", ", methods))
                            .putHeader("Access-Control-Allow-Headers", REQUEST_HEADERS)
                            .putHeader("Access-Control-Max-Age", "600")
                            .setStatusCode(204).end();
                    return;
                }
            }
            response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            ctx.next();
        });
    }
}
