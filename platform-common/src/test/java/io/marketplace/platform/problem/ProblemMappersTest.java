package io.marketplace.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one error model's mapping of failures, without a running service. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @ParameterizedTest
    @CsvSource({"08006, true", "40001, true", "40P01, true", "53300, true", "57P01, true", "55P03, true",
            "23505, false", "42P01, false", "22001, false"})
    void onlyFailuresARetryCanCureAnswer503(String sqlState, boolean transientFailure) {
        RuntimeException wrapped = new RuntimeException("JDBC exception", new SQLException("failed", sqlState));
        assertEquals(transientFailure, ProblemMappers.isTransientDatabaseFailure(wrapped));
        Response answer = mappers.unexpected(wrapped);
        assertEquals(transientFailure ? 503 : 500, answer.getStatus());
        assertEquals(transientFailure, answer.getHeaderString("Retry-After") != null);
    }

    @Test
    void anUnexpectedFailureIsA500WithAnErrorIdAndNoneOfItsMessage() {
        Response answer = mappers.unexpected(new IllegalStateException("database password is hunter2"));
        Problem problem = (Problem) answer.getEntity();

        assertEquals(500, answer.getStatus());
        assertEquals("application/problem+json", answer.getMediaType().toString());
        assertNotNull(problem.errorId());
        assertFalse(problem.detail().contains("hunter2"));
    }

    @Test
    void everyClientErrorHasItsOwnProblemType() {
        Set<ProblemType> types = new HashSet<>();
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 422}) {
            assertTrue(types.add(ProblemMappers.typeFor(status)), "status " + status + " shares its type");
        }
    }
}
