package io.marketplace.e2e;

import io.marketplace.e2e.RevocationFlows.Outage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same pairs with two replicas of each service sharing the database: installs through one replica of
 * integrations-service, disables through the other, tokens checked at the other keys-service.
 */
class RevocationIsFinalWithReplicasTest {

    private static Stack stack;
    private static DeveloperBackend backend;
    private static RevocationFlows flows;

    @BeforeAll
    static void startTheServices() throws Exception {
        stack = Stack.withTestIssuer("marketplace_e2e_replicas", 2);
        backend = new DeveloperBackend();
        stack.startAll();
        flows = new RevocationFlows(stack, backend, 2, 900_000 + ProcessHandle.current().pid() % 1000 * 1000);
    }

    @AfterAll
    static void stopTheServices() throws Exception {
        backend.close();
        stack.close();
    }

    @Test
    void noCodeOrTokenOutlivesItsDisableAcrossReplicas() throws Exception {
        flows.play(Outage.NONE);
    }

    @Test
    void codeDeliveriesWaitingWhileEveryWebhookReplicaIsDownAreCancelledByTheDisable() throws Exception {
        flows.play(Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS);
    }

    @Test
    void disablesMadeWhileEveryKeysReplicaIsDownTakeEffectWithinTwoSecondsOfTheirReturn() throws Exception {
        flows.play(Outage.KEYS_SERVICE_DURING_THE_DISABLES);
    }
}
