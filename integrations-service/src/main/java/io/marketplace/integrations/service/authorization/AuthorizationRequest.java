package io.marketplace.integrations.service.authorization;

import java.util.UUID;

/**
 * The checked parameters of {@code GET /oauth}: whose page it is, where the answer goes and how. {@code redirectUri}
 * is always the integration's registered one; {@code codeChallenge} is an S256 PKCE challenge or null.
 */
public record AuthorizationRequest(UUID clientId, String redirectUri, String state, Mode mode, String codeChallenge,
        String language) {

    /** How the answer reaches the developer's site: a redirect, or a message to the window that opened the page. */
    public enum Mode {
        REDIRECT,
        POPUP,
        POST_MESSAGE;

        public boolean toOpener() {
            return this != REDIRECT;
        }
    }
}
