package io.marketplace.platform.problem;

/** The kinds of problem the platform answers; the slug becomes {@code urn:marketplace:problem:<slug>}. */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid"),
    MALFORMED_REQUEST("malformed-request", "The request body cannot be read"),
    MALFORMED_URL("malformed-url", "The request URL cannot be read"),
    URL_TOO_LONG("url-too-long", "Request URL too long"),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large"),
    UNAUTHORIZED("unauthorized", "Authentication is required"),
    FORBIDDEN("forbidden", "Not allowed"),
    NOT_FOUND("not-found", "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large"),
    CONFLICT("conflict", "Conflict with the current state"),
    GONE("gone", "No longer available"),
    UNPROCESSABLE("unprocessable", "The request cannot be carried out"),
    UNAVAILABLE("unavailable", "Temporarily unavailable"),
    HTTP_ERROR("http-error", "HTTP error"),
    INTERNAL("internal", "Unexpected error");

    final String slug;
    final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }
}
