package io.marketplace.platform.paging;

import io.marketplace.platform.problem.Violations;

/** {@code page} (from 1) and {@code limit} (1..250, default 50), read from query strings so that bad values are a 400. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 250;

    public static PageRequest parse(String page, String limit) {
        Violations violations = new Violations();
        PageRequest request = parse(page, limit, violations);
        violations.throwIfAny();
        return request;
    }

    /**
     * Adds bad values to {@code violations}, for a caller that checks other parameters in the same answer. The last
     * page is the one whose offset still fits an {@code int} (queries take it as one): past it the offset overflowed
     * into a negative number, a 500.
     */
    public static PageRequest parse(String page, String limit, Violations violations) {
        int size = parse(limit, DEFAULT_LIMIT, "limit", 1, MAX_LIMIT, violations);
        return new PageRequest(parse(page, 1, "page", 1, Integer.MAX_VALUE / size, violations), size);
    }

    public int offset() {
        return (page - 1) * limit;
    }

    private static int parse(String text, int fallback, String name, int min, int max, Violations violations) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(name, "out_of_range", name + " must be a whole number from " + min + " to " + max);
        return fallback;
    }
}
