package io.marketplace.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details, the body of every error answered by every service.
 * {@code errors} lists every failing field at once; {@code error_id} ties an unexpected failure to its log line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:marketplace:problem:";

    public static Problem of(ProblemType type, int status, String detail) {
        return new Problem(TYPE_PREFIX + type.slug, type.title, status, detail, null, null);
    }

    public static Problem of(ProblemType type, int status, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + type.slug, type.title, status, detail, List.copyOf(errors), null);
    }

    /** The problem this platform answers for a bare HTTP status, as the exception mappers write it. */
    public static Problem ofStatus(int status) {
        return of(ProblemMappers.typeFor(status), status, ProblemMappers.detailFor(status));
    }

    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, errors, id);
    }
}
