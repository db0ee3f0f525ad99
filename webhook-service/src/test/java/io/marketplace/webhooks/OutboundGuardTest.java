package io.marketplace.webhooks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.webhooks.config.OutboundConfig;
import io.marketplace.webhooks.config.OutboundConfig.Policy;
import io.marketplace.webhooks.service.AddressKind;
import io.marketplace.webhooks.service.HostResolver;
import io.marketplace.webhooks.service.OutboundGuard;
import io.marketplace.webhooks.service.OutboundGuard.Allowed;
import io.marketplace.webhooks.service.OutboundGuard.Blocked;
import io.marketplace.webhooks.service.OutboundGuard.Decision;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The outbound guard on its own: address classification, and decisions with a stub resolver. Nothing here opens a
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

    private static OutboundConfig config(Policy policy, List<String> allowList, List<Integer> extraPorts) {
        return new OutboundConfig() {
            @Override
            public Policy policy() {
                return policy;
            }

            @Override
            public Optional<List<String>> allowList() {
                return Optional.of(allowList);
            }

            @Override
            public Optional<List<Integer>> extraPorts() {
                return Optional.of(extraPorts);
            }
        };
    }

    private static final OutboundGuard PUBLIC = new OutboundGuard(config(Policy.PUBLIC, List.of(), List.of()), STUB);
    private static final OutboundGuard LOOPBACK_ONLY =
            new OutboundGuard(config(Policy.LOOPBACK_ONLY, List.of(), List.of()), MUST_NOT_RESOLVE);

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
            "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "100.64.0.1, CGNAT", "100.127.255.254, CGNAT",
            "224.0.0.1, MULTICAST", "ff02::1, MULTICAST",
            "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED",
            "fc00::1, UNIQUE_LOCAL", "fd12:3456::1, UNIQUE_LOCAL",
            "255.255.255.255, RESERVED", "192.0.2.10, RESERVED", "2001:db8::1, RESERVED",
            "::ffff:10.0.0.1, PRIVATE", "::ffff:169.254.169.254, LINK_LOCAL", "64:ff9b::a00:1, PRIVATE",
            "93.184.216.34, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "8.8.8.8, PUBLIC",
            "2606:2800:220:1:248:1893:25c8:1946, PUBLIC"})
    void classifiesAddresses(String address, AddressKind kind) throws Exception {
        assertEquals(kind, AddressKind.of(InetAddress.getByName(address)));
    }

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
        OutboundGuard withPartner = new OutboundGuard(config(Policy.PUBLIC, List.of("10.20.0.0/16"), List.of(8443)), STUB);
        assertThat(withPartner.check(URI.create("https://partner.example.test:8443/hook")), instanceOf(Allowed.class));
        assertThat(withPartner.check(URI.create("https://internal.example.test/hook")), instanceOf(Blocked.class));
    }

    @Test
    void opensOnlyPorts80And443AndTheConfiguredOnesUnderThePublicPolicy() {
        assertThat(PUBLIC.refusal("https://public.example.test:8443/x").orElseThrow(), containsString("port 80 or 443"));
        assertThat(PUBLIC.refusal("http://public.example.test:80/x"), equalTo(Optional.empty()));
        OutboundGuard extra = new OutboundGuard(config(Policy.PUBLIC, List.of(), List.of(8443)), STUB);
        assertThat(extra.refusal("https://public.example.test:8443/x"), equalTo(Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not a url | is not a valid URL",
            "ftp://files.example.test/x | must be an absolute http or https URL",
            "/relative/path | must be an absolute http or https URL",
            "https://user:pass@public.example.test/x | must not carry credentials",
            "https://public.example.test/x#frag | must not have a fragment",
            "http://10.0.0.1/revoke | points at a private address",
            "http://169.254.169.254/latest | points at a link-local address",
            "http://[fe80::1]/x | points at a link-local address",
            "http://127.0.0.1/x | points at a loopback address",
            "http://999.1.1.1/x | must name a host",
            "http://0x7f.1/x | must name a host"})
    void refusesAtAcceptanceWithoutAnyLookup(String url, String reason) {
        OutboundGuard neverResolving = new OutboundGuard(config(Policy.PUBLIC, List.of(), List.of()), MUST_NOT_RESOLVE);
        assertThat(neverResolving.refusal(url).orElseThrow(), containsString(reason));
    }

    @Test
    void theLoopbackOnlyPolicyReachesLoopbackAndNeverLooksUpAName() {
        assertThat(LOOPBACK_ONLY.check(URI.create("http://127.0.0.1:8089/revoke")), instanceOf(Allowed.class));
        assertThat(LOOPBACK_ONLY.check(URI.create("http://[::1]:8089/revoke")), instanceOf(Allowed.class));
        assertThat(((Allowed) LOOPBACK_ONLY.check(URI.create("http://localhost:8089/x"))).address().getAddress()
                .isLoopbackAddress(), equalTo(true));
        assertThat(blocked(LOOPBACK_ONLY.check(URI.create("https://dev.example.com/kommo/revoke"))),
                containsString("dev.example.com was not looked up"));
        assertThat(LOOPBACK_ONLY.refusal("http://10.0.0.1/x").orElseThrow(), containsString("private"));
        assertThat(LOOPBACK_ONLY.refusal("http://127.0.0.1:12345/x"), equalTo(Optional.empty()));
    }

    private static String blocked(Decision decision) {
        assertThat(decision, instanceOf(Blocked.class));
        return ((Blocked) decision).reason();
    }
}
