package io.marketplace.e2e;

import io.marketplace.e2e.RevocationFlows.Outage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fifty install → disable pairs, once with every service up and once with each of webhook- and keys-service down. */
class RevocationIsFinalTest {

    private static Stack stack;
    private static DeveloperBackend backend;
    private static RevocationFlows flows;

    @BeforeAll
    static void startTheServices() throws Exception {
        stack = Stack.withTestIssuer("marketplace_e2e_revocation", 1);
        backend = new DeveloperBackend();
        stack.startAll();
        flows = new RevocationFlows(stack, backend, 1, 800_000 + ProcessHandle.current().pid() % 1000 * 1000);
    }

    @AfterAll
    static void stopTheServices() throws Exception {
        backend.close();
        stack.close();
    }

    @Test
    void noCodeOrTokenOutlivesItsDisableWithEveryServiceUp() throws Exception {
        flows.play(Outage.NONE);
    }

    @Test
    void codeDeliveriesWaitingWhileWebhookServiceIsDownAreCancelledByTheDisable() throws Exception {
        flows.play(Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS);
    }

    @Test
    void disablesMadeWhileKeysServiceIsDownTakeEffectWithinTwoSecondsOfItsReturn() throws Exception {
        flows.play(Outage.KEYS_SERVICE_DURING_THE_DISABLES);
    }
}
