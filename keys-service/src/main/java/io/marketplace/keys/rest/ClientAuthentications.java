package io.marketplace.keys.rest;

import io.marketplace.keys.service.OAuthException;
import io.marketplace.platform.openapi.ContractDocument;
import io.marketplace.keys.service.TokenService.ClientAuthentication;
import jakarta.ws.rs.core.MultivaluedMap;
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

    /** Form parameters, each given at most once (RFC 6749 §3.2: a repeated parameter is an invalid request). */
    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest(name + " is given more than once");
            }
            params.put(name, values.get(0));
        });
        return params;
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
