package io.marketplace.keys.rest;

import io.marketplace.keys.service.OAuthException;
import io.marketplace.keys.service.TokenService;
import io.marketplace.keys.service.TokenService.ClientAuthentication;
import io.marketplace.keys.service.TokenService.TokenAnswer;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Kommo's token endpoint: RFC 6749 form bodies and, as Kommo accepts them, JSON bodies. */
@Path("/oauth2/access_token")
@Tag(name = "oauth2")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Exchange a code, a refresh token or a publish key for tokens (form body)")
    public Response form(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest(name + " is given more than once");
            }
            params.put(name, values.get(0));
        });
        return answer(params, authorization);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same exchange with a JSON body, as Kommo's clients send it")
    public Response json(Map<String, Object> body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, String> params = new HashMap<>();
        if (body != null) {
            body.forEach((name, value) -> params.put(name, value == null ? null : value.toString()));
        }
        return answer(params, authorization);
    }

    private Response answer(Map<String, String> params, String authorization) {
        TokenAnswer answer = tokens.token(params, clientOf(params, authorization));
        return Response.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    /** RFC 6749 §2.3.1: HTTP Basic with form-encoded id and secret, or both in the body; never both ways at once. */
    private static ClientAuthentication clientOf(Map<String, String> params, String authorization) {
        boolean inBody = params.containsKey("client_id") || params.containsKey("client_secret");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new ClientAuthentication(params.get("client_id"), params.get("client_secret"), false);
        }
        if (inBody && params.containsKey("client_secret")) {
            throw OAuthException.invalidRequest("Authenticate the client either with HTTP Basic or in the body, not both");
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no colon");
            }
            return new ClientAuthentication(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), true);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(401, "invalid_client", "The Basic credentials cannot be read", true);
        }
    }
}
