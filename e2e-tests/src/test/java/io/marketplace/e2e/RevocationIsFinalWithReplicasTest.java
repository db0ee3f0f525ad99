package io.marketplace.e2e;

/** The revocation cases with two replicas of every service; an outage stops every replica of the service. */
class RevocationIsFinalWithReplicasTest extends RevocationIsFinalCases {

    RevocationIsFinalWithReplicasTest() {
        super("marketplace_e2e_replicas", 2, 900_000);
    }
}
