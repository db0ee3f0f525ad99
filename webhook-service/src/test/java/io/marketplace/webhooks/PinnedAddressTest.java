package io.marketplace.webhooks;

import static io.marketplace.webhooks.WebhookFixtures.delivery;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.marketplace.webhooks.service.HostResolver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production policy ({@code public}) with a stub resolver: a name is resolved once, checked, and the request
 * goes to that very address with the name kept in the Host header. The stub maps names to loopback (allow-listed
 * here) or to 10.0.0.1 / 169.254.169.254, which are refused before any connection.
 */
@QuarkusTest
@TestProfile(PinnedAddressTest.PublicPolicy.class)
class PinnedAddressTest extends WithHealthyNeighbours {
    static final Receiver RECEIVER = start();

    public static class PublicPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.outbound.policy", "public",
                    "marketplace.outbound.allow-list", "127.0.0.1/32",
                    "marketplace.outbound.extra-ports", Integer.toString(RECEIVER.port()));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StubResolver.class);
        }
    }

    /** The only DNS this test has: nothing here is ever looked up for real. */
    @Alternative
    @ApplicationScoped
    public static class StubResolver implements HostResolver {
        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            String address = Map.of("hooks.partner.test", "127.0.0.1", "internal.partner.test", "10.0.0.1",
                    "metadata.partner.test", "169.254.169.254").get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        }
    }

    @Test
    void connectsToTheResolvedAddressAndKeepsTheNameInTheHostHeader() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        int before = RECEIVER.requests().size();
        send(revoked(job, integration, owner, 1, "http://hooks.partner.test:" + RECEIVER.port() + "/revoke")).statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
        List<Receiver.Request> requests = RECEIVER.requests();
        assertThat(requests, hasSize(before + 1));
        assertThat(requests.get(before).header("Host"), equalTo("hooks.partner.test:" + RECEIVER.port()));
    }

    @Test
    void blocksNamesThatResolveToPrivateOrLinkLocalAddresses() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID internal = UUID.randomUUID();
        UUID metadata = UUID.randomUUID();
        send(revoked(internal, integration, owner, 1, "https://internal.partner.test/revoke"),
                revoked(metadata, integration, owner, 1, "http://metadata.partner.test/latest/meta-data")).statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, internal).equals("blocked")
                && status(owner, integration, metadata).equals("blocked"));
        delivery(owner, integration, internal).body("attempts[0].error", containsString("10.0.0.1 (private)"));
        delivery(owner, integration, metadata).body("attempts[0].error", containsString("169.254.169.254 (link-local)"));
    }

    @Test
    void blocksPortsOtherThan80And443AndTheConfiguredOnesWithoutALookup() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        send(revoked(job, integration, owner, 1, "https://hooks.partner.test:8443/revoke")).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "blocked".equals(status(owner, integration, job)));
        delivery(owner, integration, job).body("attempts[0].error", containsString("port 80 or 443"));
    }

    private static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
