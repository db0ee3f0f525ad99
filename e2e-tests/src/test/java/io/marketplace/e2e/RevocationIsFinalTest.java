package io.marketplace.e2e;

/** The revocation cases with one instance of each service. */
class RevocationIsFinalTest extends RevocationIsFinalCases {

    RevocationIsFinalTest() {
        super("marketplace_e2e_revocation", 1, 800_000);
    }
}
