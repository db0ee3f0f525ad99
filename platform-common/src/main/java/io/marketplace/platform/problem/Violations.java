package io.marketplace.platform.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every failing field of a request so that one answer names them all. */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    /** Records a "required" error when {@code value} is null; answers whether it was present. */
    public boolean require(String field, Object value) {
        if (value == null) {
            add(field, "required", field + " is required");
            return false;
        }
        return true;
    }

    /** Records an error unless {@code value} is a positive number; answers whether it was. */
    public boolean requirePositive(String field, Long value) {
        if (!require(field, value)) {
            return false;
        }
        if (value <= 0) {
            add(field, "invalid", field.substring(field.lastIndexOf('.') + 1) + " must be a positive integer");
            return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Keeps a client's value short when a message echoes it: a 1 MiB string is not worth sending back. */
    public static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
