package io.marketplace.platform.problem;

import java.util.List;

/** Thrown by business code to answer a problem; mapped as is by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(ProblemType.NOT_FOUND, 404, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(ProblemType.FORBIDDEN, 403, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, 409, detail));
    }

    /** What was asked for existed and is over for good: asking again will never work. */
    public static ProblemException gone(String detail) {
        return new ProblemException(Problem.of(ProblemType.GONE, 410, detail));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid";
        return new ProblemException(Problem.of(ProblemType.VALIDATION, 400, detail, errors));
    }

    public static ProblemException invalid(String field, String code, String message) {
        return invalid(List.of(new FieldError(field, code, message)));
    }

    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, 422, detail, errors));
    }
}
