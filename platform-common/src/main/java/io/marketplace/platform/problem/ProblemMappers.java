package io.marketplace.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.marketplace.platform.http.AllowedMethods;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem: bad input is a 4xx naming the fields, never a 500 or a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Jackson's message when a key repeats (StrictJson turns the detection on). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    public static Response toResponse(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e.problem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), "invalid", v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return toResponse(ProblemException.invalid(errors).problem());
    }

    private static Response mappingFailure(JsonMappingException e) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return malformed("Nothing may follow the JSON document");
        }
        FieldError error = fieldError("", e);
        if (error != null) {
            return toResponse(ProblemException.invalid(List.of(error)).problem());
        }
        return e instanceof MismatchedInputException mismatch
                ? malformed("The body must be " + typeName(mismatch.getTargetType()) + " in JSON")
                : malformed("The body cannot be read as the expected JSON document");
    }

    /**
     * The field a Jackson mapping failure is about and what is wrong with it, or null when it is about the whole
     * document. {@code prefix} is where the mapped JSON sits: "" for a body, {@code events[0].data} for an event's data.
     */
    public static FieldError fieldError(String prefix, JsonMappingException e) {
        String path = jsonPath(e);
        if (path.isEmpty()) {
            return null;
        }
        String field = prefix.isEmpty() ? path : prefix + (path.startsWith("[") ? "" : ".") + path;
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldError(field, "unknown_field", field + " is not a known field");
        }
        if (e instanceof InvalidFormatException format) {
            if (!(format.getValue() instanceof String)) {
                // a number or a boolean where StrictJson allows no coercion: Jackson's message names its own settings
                return new FieldError(field, "invalid_type", field + " must be " + typeName(format.getTargetType()));
            }
            // text into a String is StrictJson's text check, whose message says what is wrong with the text
            return format.getTargetType() == String.class
                    ? new FieldError(field, "invalid_text", field + " " + e.getOriginalMessage())
                    : new FieldError(field, "invalid_value",
                            field + " has a value that cannot be read as " + typeName(format.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new FieldError(field, "invalid_type", field + " must be " + typeName(mismatch.getTargetType()));
        }
        return new FieldError(field, "invalid_value", field + " cannot be read");
    }

    private static Response jsonParse(JsonParseException e) {
        Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            String field = duplicate.group(1);
            return invalid(field, "duplicate_key", field + " is given more than once");
        }
        return malformed("Malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }

    private static Response jsonLimits(StreamConstraintsException e) {
        return malformed("The JSON document exceeds a size limit: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return jsonFailure(e);
    }

    /** Declared separately: Quarkus has a built-in mapper for this subtype, and the most specific mapper wins. */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return jsonFailure(e);
    }

    private static Response jsonFailure(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return mappingFailure(mapping);
        }
        if (e instanceof JsonParseException parse) {
            return jsonParse(parse);
        }
        if (e instanceof StreamConstraintsException limits) {
            return jsonLimits(limits);
        }
        return malformed("Malformed JSON");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return toResponse(Problem.of(ProblemType.FORBIDDEN, 403, "The token does not carry a role allowed here"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps body-reading failures; the Jackson cause says what is wrong with the body
            return jsonFailure(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR) {
            return e.getResponse();
        }
        if (e instanceof NotFoundException || e instanceof NotAllowedException) {
            // routing failures: a path some resource serves, with another method, is a 405 naming the methods
            Set<String> allowed = AllowedMethods.on(request.getUriInfo().getRequestUri().getRawPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
                return Response.fromResponse(toResponse(Problem.ofStatus(405)))
                        .header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
            }
        }
        return toResponse(Problem.of(typeFor(status), status, detailFor(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isTransientDatabaseFailure(e)) {
            LOG.warnf("Database temporarily unavailable or contended, answering 503: %s", e.getMessage());
            return Response.fromResponse(toResponse(Problem.of(ProblemType.UNAVAILABLE, 503,
                            "The service is briefly unable to store or read data; nothing was changed, retry shortly")))
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return toResponse(Problem.of(ProblemType.INTERNAL, 500,
                "An unexpected error occurred; quote error_id when reporting it").withErrorId(errorId));
    }

    /**
     * Whether the failure is one a retry can cure: the database unreachable (SQLSTATE class 08, 57P), out of
     * connections (53, or the pool's acquisition timeout), a deadlock / serialization failure (40), or a lock held
     * longer than {@code lock_timeout} (55P03). The
     * transaction was rolled back, so a 503 tells the truth: nothing was stored.
     */
    static boolean isTransientDatabaseFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57P") || state.equals("55P03"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    static ProblemType typeFor(int status) {
        return switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemType.UNPROCESSABLE;
            default -> ProblemType.HTTP_ERROR;
        };
    }

    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this address";
            case 405 -> "This resource does not support the method";
            case 406 -> "This resource cannot answer in the requested media type";
            case 413 -> "The request body is larger than this service accepts";
            case 415 -> "This resource does not accept the request's content type";
            default -> Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        };
    }

    private static Response unauthenticated() {
        return Response.fromResponse(toResponse(Problem.of(ProblemType.UNAUTHORIZED, 401,
                        "A valid bearer token is required")))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response invalid(String field, String code, String message) {
        return toResponse(ProblemException.invalid(field, code, message).problem());
    }

    private static Response malformed(String detail) {
        return toResponse(Problem.of(ProblemType.MALFORMED_REQUEST, 400, detail));
    }

    /** The JSON path of a Jackson failure, as the client wrote it: {@code scopes[1]}, {@code listing.name}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value of the expected type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "a date and time in ISO 8601 (2026-03-01T12:00:00Z)";
        }
        if (type == LocalDate.class) {
            return "a date written as yyyy-mm-dd";
        }
        return "an object";
    }

    /** Bean Validation paths name Java parameters ("list.limit"); clients know the snake_case name ("limit"). */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != jakarta.validation.ElementKind.METHOD) {
                last = node.getName();
            }
        }
        return last == null ? "" : last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
