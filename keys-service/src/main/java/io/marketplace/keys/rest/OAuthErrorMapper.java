package io.marketplace.keys.rest;

import io.marketplace.keys.service.OAuthException;
import io.marketplace.keys.service.TokenRateLimiter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** OAuth errors in the shape RFC 6749 §5.2 gives them, never cached. */
public class OAuthErrorMapper {

    @ServerExceptionMapper
    public Response oauthError(OAuthException e) {
        return answer(e);
    }

    /**
     * The answer of the /oauth2 endpoints to an Authorization: Bearer header the token check refuses (expired, badly
     * signed, not a JWT): an RFC 6749 error like their others, with RFC 6750's challenge, instead of the problem
     * every other endpoint gives.
     */
    static Response bearerRefused() {
        return Response.fromResponse(answer(new OAuthException(401, "invalid_token", "The bearer token is not valid", false)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }

    private static Response answer(OAuthException e) {
        Response.ResponseBuilder answer = Response.status(e.status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.error, "error_description", e.getMessage()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache");
        if (e.basicChallenge && e.status == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"marketplace\"");
        }
        if (e instanceof TokenRateLimiter.RateLimited limited) {
            answer.header(HttpHeaders.RETRY_AFTER, limited.retryAfterSeconds);
        }
        return answer.build();
    }
}
