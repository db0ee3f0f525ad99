package io.marketplace.platform.outbox;

import io.marketplace.platform.neighbours.Neighbours;
import java.util.List;

/**
 * How a batch of events goes to a neighbour: whole, or, when the neighbour refuses it for good (a 4xx asking again
 * would not change), in halves, each sent on its own, down to single events. The events the neighbour accepts are
 * delivered, in their order, and only an event refused on its own is set aside. A temporary failure leaves the part
 * that met it for a later attempt.
 */
final class BatchSplitting {

    private BatchSplitting() {
    }

    /** What the relay does with each outcome; {@link #send} throws the neighbour's failure (see {@link Neighbours}). */
    interface Delivery<T> {
        void send(List<T> batch);

        void delivered(List<T> batch);

        void refused(T event, Exception refusal);

        void failed(List<T> batch, Exception failure);
    }

    /** How many events of a batch were delivered, set aside, or left to be tried again. */
    record Outcome(int delivered, int dead, int retried) {
        static final Outcome NOTHING = new Outcome(0, 0, 0);

        Outcome plus(Outcome other) {
            return new Outcome(delivered + other.delivered, dead + other.dead, retried + other.retried);
        }

        boolean allDelivered() {
            return dead == 0 && retried == 0;
        }

        /** Whether all of a full batch was settled, so that more may be waiting behind it. */
        boolean settledAll(int batchSize) {
            return retried == 0 && delivered + dead == batchSize;
        }
    }

    static <T> Outcome deliver(List<T> batch, Delivery<T> delivery) {
        if (batch.isEmpty()) {
            return Outcome.NOTHING;
        }
        try {
            delivery.send(batch);
        } catch (RuntimeException e) {
            if (!Neighbours.refusedForGood(e)) {
                delivery.failed(batch, e);
                return new Outcome(0, 0, batch.size());
            }
            if (batch.size() == 1) {
                delivery.refused(batch.get(0), e);
                return new Outcome(0, 1, 0);
            }
            int half = batch.size() / 2;
            return deliver(batch.subList(0, half), delivery).plus(deliver(batch.subList(half, batch.size()), delivery));
        }
        delivery.delivered(batch);
        return new Outcome(batch.size(), 0, 0);
    }
}
