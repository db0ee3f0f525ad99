package io.marketplace.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.marketplace.e2e.RevocationFlows.Outage;
import io.marketplace.e2e.RevocationFlows.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fifty install → disable pairs, once with every service up and once with each of webhook- and keys-service down;
 * a subclass says how many replicas of each service run. No code or token outlives its disable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RevocationIsFinalCases {

    private final String database;
    private final int replicas;
    private final long firstAccount;
    private Stack stack;
    private DeveloperBackend backend;
    private RevocationFlows flows;

    RevocationIsFinalCases(String database, int replicas, long firstAccount) {
        this.database = database;
        this.replicas = replicas;
        this.firstAccount = firstAccount;
    }

    @BeforeAll
    void startTheServices() throws Exception {
        stack = Stack.withTestIssuer(database, replicas);
        backend = new DeveloperBackend();
        stack.startAll();
        flows = new RevocationFlows(stack, backend, replicas, firstAccount + ProcessHandle.current().pid() % 1000 * 1000);
    }

    @AfterAll
    void stopTheServices() throws Exception {
        backend.close();
        stack.close();
    }

    @Test
    void noCodeOrTokenOutlivesItsDisableWithEveryServiceUp() throws Exception {
        Outcome outcome = flows.play(Outage.NONE);

        assertThat(outcome.tokensObtained(), greaterThan(0));
        assertThat(outcome.tokensStillWorking(), equalTo(0L));
        assertThat(outcome.codesStillExchanging(), equalTo(0L));
    }

    @Test
    void codeDeliveriesWaitingWhileWebhookServiceIsDownAreCancelledByTheDisable() throws Exception {
        Outcome outcome = flows.play(Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS);

        assertThat(outcome.codesDelivered(), equalTo(0L));
        assertThat(outcome.codesCancelled(), equalTo((long) outcome.codeDeliveries()));
        assertThat(outcome.tokensStillWorking(), equalTo(0L));
    }

    @Test
    void disablesMadeWhileKeysServiceIsDownTakeEffectWithinTwoSecondsOfItsReturn() throws Exception {
        Outcome outcome = flows.play(Outage.KEYS_SERVICE_DURING_THE_DISABLES);

        assertThat(outcome.tokensObtained(), equalTo(outcome.pairs()));
        assertThat(outcome.tokensStillWorking(), equalTo(0L));
        assertThat(outcome.codesStillExchanging(), equalTo(0L));
    }
}
