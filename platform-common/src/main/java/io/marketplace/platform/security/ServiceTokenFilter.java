package io.marketplace.platform.security;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds this service's own bearer token to every call to a neighbour. */
public class ServiceTokenFilter implements ClientRequestFilter {

    private final ServiceTokens tokens;

    public ServiceTokenFilter(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.bearer());
    }
}
