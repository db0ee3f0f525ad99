package io.marketplace.integrations.service.archive;

/** An archive that failed validation; answered 400 with its report, and nothing is stored. */
public class InvalidArchiveException extends RuntimeException {

    private final transient ArchiveReport report;

    public InvalidArchiveException(ArchiveReport report) {
        super("invalid widget archive", null, false, false);
        this.report = report;
    }

    public ArchiveReport report() {
        return report;
    }
}
