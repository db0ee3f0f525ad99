package io.marketplace.webhooks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.platform.outbound.OutboundConfig.Policy;
import io.marketplace.platform.outbound.OutboundUrls;
import io.marketplace.webhooks.service.HostResolver;
import io.marketplace.webhooks.service.OutboundGuard.Allowed;
import io.marketplace.webhooks.service.OutboundGuard.Blocked;
import io.marketplace.webhooks.service.OutboundGuard.Decision;
import io.marketplace.webhooks.service.OutboundGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbound guard on its own: decisions with a stub resolver (what a URL's text alone decides is in
 * platform-common's OutboundUrlsTest). Nothing here opens a
 * connection; names resolve only through the stub, which maps them to addresses that are never contacted.
 */
class OutboundGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "internal.example.test", "10.0.0.1",
            "metadata.example.test", "169.254.169.254",
            "public.example.test", "93.184.216.34",
            "sixfour.example.test", "2606:2800:220:1:248:1893:25c8:1946",
            "partner.example.test", "10.20.30.40");

    private static final HostResolver STUB = host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address)); // a literal: parsed, not looked up
    };

    private static final HostResolver MUST_NOT_RESOLVE = host -> {
        throw new AssertionError("the loopback-only policy looked up " + host);
    };

    private static final OutboundGuard PUBLIC =
            new OutboundGuard(new OutboundUrls(Policy.PUBLIC, List.of(), List.of()), STUB);
    private static final OutboundGuard LOOPBACK_ONLY =
            new OutboundGuard(new OutboundUrls(Policy.LOOPBACK_ONLY, List.of(), List.of()), MUST_NOT_RESOLVE);

    @Test
    void refusesNamesThatResolveToPrivateOrLinkLocalAddresses() {
        assertThat(blocked(PUBLIC.check(URI.create("https://internal.example.test/revoke"))),
                containsString("10.0.0.1 (private)"));
        assertThat(blocked(PUBLIC.check(URI.create("https://metadata.example.test/latest/meta-data"))),
                containsString("169.254.169.254 (link-local)"));
    }

    @Test
    void connectsToTheVeryAddressItChecked() {
        Decision decision = PUBLIC.check(URI.create("https://public.example.test/oauth"));
        assertThat(decision, instanceOf(Allowed.class));
        Allowed allowed = (Allowed) decision;
        assertThat(allowed.address().getAddress().getHostAddress(), equalTo("93.184.216.34"));
        assertThat(allowed.host(), equalTo("public.example.test"));
        assertThat(allowed.port(), equalTo(443));
        assertTrue(allowed.https());
        assertThat(((Allowed) PUBLIC.check(URI.create("http://sixfour.example.test/x"))).address().getPort(), equalTo(80));
    }

    @Test
    void letsTheAllowListThrough() {
        OutboundGuard withPartner = new OutboundGuard(
                new OutboundUrls(Policy.PUBLIC, List.of("10.20.0.0/16"), List.of(8443)), STUB);
        assertThat(withPartner.check(URI.create("https://partner.example.test:8443/hook")), instanceOf(Allowed.class));
        assertThat(withPartner.check(URI.create("https://internal.example.test/hook")), instanceOf(Blocked.class));
    }

    @Test
    void theLoopbackOnlyPolicyReachesLoopbackAndNeverLooksUpAName() {
        assertThat(LOOPBACK_ONLY.check(URI.create("http://127.0.0.1:8089/revoke")), instanceOf(Allowed.class));
        assertThat(LOOPBACK_ONLY.check(URI.create("http://[::1]:8089/revoke")), instanceOf(Allowed.class));
        assertThat(((Allowed) LOOPBACK_ONLY.check(URI.create("http://localhost:8089/x"))).address().getAddress()
                .isLoopbackAddress(), equalTo(true));
        assertThat(blocked(LOOPBACK_ONLY.check(URI.create("https://dev.example.com/kommo/revoke"))),
                containsString("dev.example.com was not looked up"));
        assertThat(blocked(LOOPBACK_ONLY.check(URI.create("http://10.0.0.1/x"))), containsString("private"));
    }

    private static String blocked(Decision decision) {
        assertThat(decision, instanceOf(Blocked.class));
        return ((Blocked) decision).reason();
    }
}
