package io.marketplace.keys.service;

/** An RFC 6749 §5.2 error: answered as {@code {"error", "error_description"}}, not as a problem, since OAuth clients read these. */
public class OAuthException extends RuntimeException {

    public final int status;
    public final String error;
    /** The client authenticated with HTTP Basic, so a 401 carries a Basic challenge. */
    public final boolean basicChallenge;

    public OAuthException(int status, String error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, false);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description, false);
    }
}
