package io.marketplace.platform.events;

/** What a receiver did with a batch: {@code duplicates} had been processed before and were skipped. */
public record EventReceipt(int received, int processed, int duplicates) {
}
