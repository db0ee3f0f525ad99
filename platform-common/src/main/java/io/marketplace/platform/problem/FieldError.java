package io.marketplace.platform.problem;

/** One failing field of a request: {@code field} is the JSON path in snake_case ("scopes[1]", "query.limit"). */
public record FieldError(String field, String code, String message) {
}
