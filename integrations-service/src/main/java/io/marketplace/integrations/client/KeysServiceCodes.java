package io.marketplace.integrations.client;

import io.marketplace.platform.keys.CodeRequest;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.keys.KeysInternalApi;
import io.marketplace.platform.neighbours.Neighbours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The one synchronous call to keys-service: a code for the authorization page, which the browser carries to the
 * developer's site at once (it cannot wait for an outbox). keys-service answers 410 once that installation is over.
 */
@ApplicationScoped
public class KeysServiceCodes {

    @Inject
    Neighbours neighbours;

    public IssuedCode issue(UUID integrationId, long accountId, long generation, String codeChallenge) {
        CodeRequest request = new CodeRequest(integrationId, accountId, generation, codeChallenge,
                codeChallenge == null ? null : "S256");
        return neighbours.call(KeysServiceEvents.NEIGHBOUR, KeysInternalApi.class, IssuedCode.class,
                api -> api.issueCode(request));
    }
}
