package io.marketplace.platform.concurrent;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a background loop that otherwise polls: "there is new work", possibly only once the current transaction has
 * committed (what it wrote is visible to the loop's own transactions only then). Wake-ups that arrive while the loop
 * is busy collapse into one.
 */
public final class WakeUpSignal {

    private final Semaphore wakeUps = new Semaphore(0);

    public void wakeUp() {
        wakeUps.release();
    }

    public void wakeUpAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (transactions.getResource(this) != null) {
            return; // one wake-up per transaction is enough
        }
        transactions.putResource(this, Boolean.TRUE);
        AfterCommit.run(transactions, this::wakeUp);
    }

    /** Waits for a wake-up or the poll interval, whichever comes first, and forgets the wake-ups seen so far. */
    public void await(Duration pollInterval) throws InterruptedException {
        wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
    }
}
