package io.marketplace.integrations.service.authorization;

/**
 * A request the page will not serve. When {@link #redirectable()}, the error goes back to the registered redirect URI with
 * {@code error} and {@code state} (RFC 6749 §4.1.2.1); otherwise (unknown client, a redirect URI that does not match)
 * the page shows it and never redirects. {@code status} is the page's HTTP status then.
 */
public class AuthorizationRefused extends RuntimeException {

    public final String error;
    public final int status;
    /** Where and how the error goes back to the developer's site; null when it is only shown. */
    public final AuthorizationRequest replyTo;

    private AuthorizationRefused(String error, String description, int status, AuthorizationRequest replyTo) {
        super(description);
        this.error = error;
        this.status = status;
        this.replyTo = replyTo;
    }

    public boolean redirectable() {
        return replyTo != null;
    }

    /** Shown on the page only: nobody can be trusted with the answer. */
    public static AuthorizationRefused shown(String error, String description) {
        return new AuthorizationRefused(error, description, 400, null);
    }

    public static AuthorizationRefused shown(int status, String error, String description) {
        return new AuthorizationRefused(error, description, status, null);
    }

    /** Sent back to the developer's site, with the request's state, in the request's mode. */
    public static AuthorizationRefused replied(AuthorizationRequest replyTo, String error, String description) {
        return new AuthorizationRefused(error, description, 400, replyTo);
    }
}
