package io.marketplace.platform.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the outbox reads a neighbour's failure: tried again soon, with backoff, or set aside for good. */
class NeighboursTest {

    @ParameterizedTest
    @CsvSource({"400, true", "404, true", "413, true", "422, true", "401, false", "403, false", "408, false",
            "409, false", "429, false", "500, false", "503, false"})
    void refusesForGoodOnlyTheAnswersAskingAgainWouldNotChange(int status, boolean forGood) {
        assertEquals(forGood, Neighbours.refusedForGood(new WebApplicationException(status)));
    }

    @ParameterizedTest
    @CsvSource({"503, true", "500, false", "400, false"})
    void aNeighbourWhoseDatabaseIsAwayCountsAsUnreachable(int status, boolean unreachable) {
        assertEquals(unreachable, Neighbours.unreachable(new WebApplicationException(status)));
    }

    @Test
    void refusedConnectionsAndAnOpenBreakerAreUnreachableAndNeverRefusedForGood() {
        for (Exception failure : new Exception[] {new ProcessingException(new ConnectException("refused")),
                new CircuitBreakerOpenException("open")}) {
            assertEquals(true, Neighbours.unreachable(failure));
            assertEquals(false, Neighbours.refusedForGood(failure));
        }
    }
}
