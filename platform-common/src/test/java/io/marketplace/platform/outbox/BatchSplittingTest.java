package io.marketplace.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketplace.platform.outbox.BatchSplitting.Outcome;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A batch the neighbour refuses because of some of its events: the others go through, in order, and only those stay. */
class BatchSplittingTest {

    /** A neighbour that refuses (400) every batch holding a poison, and is unreachable for other batches holding one of {@code down}. */
    private static final class Neighbour implements BatchSplitting.Delivery<Integer> {
        final Set<Integer> poison;
        final Set<Integer> down;
        final List<List<Integer>> sent = new ArrayList<>();
        final List<Integer> delivered = new ArrayList<>();
        final List<Integer> refused = new ArrayList<>();
        final List<Integer> failed = new ArrayList<>();

        Neighbour(Set<Integer> poison, Set<Integer> down) {
            this.poison = poison;
            this.down = down;
        }

        @Override
        public void send(List<Integer> batch) {
            sent.add(List.copyOf(batch));
            if (batch.stream().anyMatch(poison::contains)) {
                throw new WebApplicationException(400);
            }
            if (batch.stream().anyMatch(down::contains)) {
                throw new ProcessingException("connection refused");
            }
        }

        @Override
        public void delivered(List<Integer> batch) {
            delivered.addAll(batch);
        }

        @Override
        public void refused(Integer event, Exception refusal) {
            refused.add(event);
        }

        @Override
        public void failed(List<Integer> batch, Exception failure) {
            failed.addAll(batch);
        }
    }

    private static List<Integer> events(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    @Test
    void aCleanBatchGoesInOneRequest() {
        Neighbour neighbour = new Neighbour(Set.of(), Set.of());
        assertEquals(new Outcome(100, 0, 0), BatchSplitting.deliver(events(100), neighbour));
        assertEquals(1, neighbour.sent.size());
    }

    @Test
    void onePoisonIsSetAsideAndTheRestIsDeliveredInOrderWithFewRequests() {
        Neighbour neighbour = new Neighbour(Set.of(37), Set.of());

        assertEquals(new Outcome(99, 1, 0), BatchSplitting.deliver(events(100), neighbour));
        assertEquals(List.of(37), neighbour.refused);
        assertEquals(events(100).stream().filter(event -> event != 37).toList(), neighbour.delivered);
        // halving: about two requests per level, never one per event
        assertEquals(true, neighbour.sent.size() <= 2 * 8, neighbour.sent.size() + " requests");
    }

    @Test
    void severalPoisonsEachStandAlone() {
        Neighbour neighbour = new Neighbour(Set.of(1, 2, 50, 100), Set.of());

        assertEquals(new Outcome(96, 4, 0), BatchSplitting.deliver(events(100), neighbour));
        assertEquals(List.of(1, 2, 50, 100), neighbour.refused);
    }

    @Test
    void aTemporaryFailureLeavesItsPartForLaterAndSetsNothingAside() {
        Neighbour unreachable = new Neighbour(Set.of(), Set.of(1, 2, 3, 4, 5, 6, 7, 8));
        assertEquals(new Outcome(0, 0, 8), BatchSplitting.deliver(events(8), unreachable));
        assertEquals(List.of(), unreachable.refused);

        // the poison's half is refused and split; the half with an unreachable moment is left for later
        Neighbour mixed = new Neighbour(Set.of(2), Set.of(7));
        assertEquals(new Outcome(3, 1, 4), BatchSplitting.deliver(events(8), mixed));
        assertEquals(List.of(1, 3, 4), mixed.delivered);
        assertEquals(List.of(5, 6, 7, 8), mixed.failed);
    }

    @Test
    void fullBatchesAreFollowedByMoreOnlyWhenAllOfThemSettled() {
        assertEquals(true, new Outcome(99, 1, 0).settledAll(100));
        assertEquals(false, new Outcome(96, 0, 4).settledAll(100));
        assertEquals(false, new Outcome(50, 0, 0).settledAll(100));
    }
}
