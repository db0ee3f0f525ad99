package io.marketplace.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** What an IP address is, for the outbound guard: only {@link #PUBLIC} is reachable without the allow-list. */
public enum AddressKind {
    PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, MULTICAST, CGNAT, UNSPECIFIED, UNIQUE_LOCAL, RESERVED;

    public static AddressKind of(InetAddress address) {
        return address instanceof Inet4Address ? ofIpv4(address.getAddress()) : ofIpv6((Inet6Address) address);
    }

    private static AddressKind ofIpv4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        int c = ip[2] & 0xff;
        if (a == 0) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network"; connecting to it reaches the host itself
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return PRIVATE;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL; // includes 169.254.169.254, the cloud metadata service
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return CGNAT;
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a >= 240 // reserved and broadcast
                || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) { // TEST-NET-2, -3
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressKind ofIpv6(Inet6Address address) {
        byte[] ip = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (embedsIpv4(ip)) {
            return ofIpv4(new byte[] {ip[12], ip[13], ip[14], ip[15]});
        }
        int first = ip[0] & 0xff;
        int second = ip[1] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10, the deprecated site-local range
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL; // fc00::/7
        }
        if (first == 0x20 && second == 0x01 && (ip[2] & 0xff) == 0x0d && (ip[3] & 0xff) == 0xb8) {
            return RESERVED; // 2001:db8::/32, documentation
        }
        if ((first & 0xe0) != 0x20) {
            return RESERVED; // outside 2000::/3, the only global unicast space handed out
        }
        return PUBLIC;
    }

    /** IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d, should Java keep it IPv6) and NAT64 (64:ff9b::/96). */
    private static boolean embedsIpv4(byte[] ip) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= ip[i] == 0;
        }
        boolean mappedOrCompatible = zeroPrefix && ((ip[10] == 0 && ip[11] == 0) || (ip[10] == (byte) 0xff && ip[11] == (byte) 0xff));
        boolean nat64 = ip[0] == 0 && ip[1] == 0x64 && ip[2] == (byte) 0xff && ip[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = ip[i] == 0;
        }
        return mappedOrCompatible || nat64;
    }
}
