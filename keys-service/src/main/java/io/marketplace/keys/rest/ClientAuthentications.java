package io.marketplace.keys.rest;

import io.marketplace.keys.service.OAuthException;
import io.marketplace.platform.openapi.ContractDocument;
import io.marketplace.keys.service.TokenService.ClientAuthentication;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reading OAuth requests: single-valued parameters and the client's credentials (RFC 6749 §2.3.1). */
final class ClientAuthentications {

    /** The OpenAPI security scheme of HTTP Basic client authentication (declared by the platform's document filter). */
    static final String BASIC_SCHEME = ContractDocument.CLIENT_BASIC;

    private ClientAuthentications() {
    }

    /**
     * The parameters of an {@code application/x-www-form-urlencoded} body, each given at most once (RFC 6749 §3.2: a
     * repeated parameter is an invalid request). Read here rather than by JAX-RS, whose decoder fails on a bad percent
     * escape with an unexpected error instead of an invalid request.
     */
    static Map<String, String> single(String form) {
        Map<String, String> params = new HashMap<>();
        for (String pair : form == null ? new String[0] : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw OAuthException.invalidRequest(name + " is given more than once");
            }
        }
        return params;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the field is not echoed: it may be a secret
            throw OAuthException.invalidRequest("The form has a malformed percent escape (% must be followed by two hex digits)");
        }
    }

    /** HTTP Basic with form-encoded id and secret, or both in the body; never both ways at once. */
    static ClientAuthentication of(Map<String, String> params, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new ClientAuthentication(params.get("client_id"), params.get("client_secret"), false);
        }
        if (params.containsKey("client_secret")) {
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
