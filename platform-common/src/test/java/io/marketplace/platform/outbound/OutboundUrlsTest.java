package io.marketplace.platform.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.platform.outbound.OutboundConfig.Policy;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outbound URL policy on its own: address classification, and what a URL's text alone decides. Nothing here
 * looks up a name or opens a connection.
 */
class OutboundUrlsTest {

    private static final OutboundUrls PUBLIC = new OutboundUrls(Policy.PUBLIC, List.of(), List.of());
    private static final OutboundUrls LOOPBACK_ONLY = new OutboundUrls(Policy.LOOPBACK_ONLY, List.of(), List.of());

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
    void opensOnlyPorts80And443AndTheConfiguredOnesUnderThePublicPolicy() {
        assertRefused(PUBLIC, "https://public.example.test:8443/x", "port 80 or 443");
        assertEquals(Optional.empty(), PUBLIC.refusal("http://public.example.test:80/x"));
        OutboundUrls extra = new OutboundUrls(Policy.PUBLIC, List.of(), List.of(8443));
        assertEquals(Optional.empty(), extra.refusal("https://public.example.test:8443/x"));
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
            "http://0x7f.1/x | must name a host",
            "http://[::ffff:169.254.169.254]/x | points at a link-local address",
            "http://0.0.0.0/x | points at an unspecified address",
            "http://[::]/x | points at an unspecified address",
            "http://100.64.0.1/x | points at a cgnat address",
            "http://224.0.0.1/x | points at a multicast address",
            "http://[fe80::1%25eth0]/x | must not name an IPv6 zone",
            "http://0x7f000001/x | not a plain dotted-quad address",
            "http://2130706433/x | not a plain dotted-quad address",
            "http://0177.0.0.1/x | not a plain dotted-quad address",
            "http://localhost./x | points at this machine",
            "http://LOCALHOST/x | points at this machine",
            "http://[::1]/x | points at a loopback address",
            "http://[::ffff:127.0.0.1]/x | points at a loopback address"})
    void refusesUnsafeUrlsFromTheirTextAlone(String url, String reason) {
        assertRefused(PUBLIC, url, reason);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:12345/x", "http://[::1]:8089/x", "http://localhost:8089/x", "http://localhost.:8089/x",
            "https://dev.example.com/x"})
    void theLoopbackOnlyPolicyLetsLoopbackAndNamesThrough(String url) {
        assertEquals(Optional.empty(), LOOPBACK_ONLY.refusal(url));
    }

    @ParameterizedTest
    @CsvSource({"http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://0177.0.0.1/x",
            "http://[fe80::1%25eth0]/x", "http://0.0.0.0/x"})
    void theLoopbackOnlyPolicyStillRefusesEverythingElse(String url) {
        assertTrue(LOOPBACK_ONLY.refusal(url).isPresent(), url + " was let through");
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:0/x", "http://127.0.0.1:65536/x", "http://[::1]:99999/x", "http://localhost:00000/x",
            "http://127.0.0.1:2147483648/x", "http://user@localhost:99999999999999999999/x"})
    void refusesAPortNoConnectionCanUse(String url) {
        assertRefused(LOOPBACK_ONLY, url, "must have a port from 1 to 65535");
        assertRefused(PUBLIC, url, "must have a port from 1 to 65535");
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:1/x", "http://[::1]:65535/x", "http://localhost:0080/x", "http://localhost:/x"})
    void acceptsEveryPortFrom1To65535(String url) {
        assertEquals(Optional.empty(), LOOPBACK_ONLY.refusal(url));
    }

    private static void assertRefused(OutboundUrls policy, String url, String reason) {
        String refusal = policy.refusal(url).orElseThrow(() -> new AssertionError(url + " was let through"));
        assertTrue(refusal.contains(reason), url + ": \"" + refusal + "\" does not say \"" + reason + "\"");
    }
}
