package io.marketplace.webhooks.service;

import io.marketplace.webhooks.config.OutboundConfig;
import io.marketplace.webhooks.config.OutboundConfig.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides where an outbound request may go. The address a name resolves to is checked, and the request is then
 * sent to that very address (the caller pins it), so a second DNS answer cannot swap in a private one.
 */
@ApplicationScoped
public class OutboundGuard {

    private static final int MAX_URL_LENGTH = 2048;

    /** The outcome of checking a URL right before a request. */
    public sealed interface Decision {
    }

    /** Connect to {@code address}; {@code host} is still what the request names (Host header, TLS). */
    public record Allowed(InetSocketAddress address, String host, int port, boolean https) implements Decision {
    }

    /** Never to be sent: the policy forbids it. Final. */
    public record Blocked(String reason) implements Decision {
    }

    /** The name did not resolve now; it may later. */
    public record Unresolved(String reason) implements Decision {
    }

    private final Policy policy;
    private final List<Cidr> allowList;
    private final Set<Integer> ports;
    private final HostResolver resolver;

    @Inject
    public OutboundGuard(OutboundConfig config, HostResolver resolver) {
        this.policy = config.policy();
        this.allowList = config.allowList().orElse(List.of()).stream().map(Cidr::parse).toList();
        this.ports = Stream.concat(Stream.of(80, 443), config.extraPorts().orElse(List.of()).stream())
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * Why {@code url} cannot be accepted at all, judged without any lookup or connection: not an absolute http(s)
     * URL, credentials or a fragment in it, a port the policy does not open, or a literal address it forbids.
     */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("is longer than " + MAX_URL_LENGTH + " characters");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host empty for names it does not accept, "999.1.1.1" and "0x7f.1" among them
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (policy == Policy.PUBLIC && !ports.contains(port(uri))) {
            return Optional.of("must use port 80 or 443" + (ports.size() > 2 ? " or one of " + ports : ""));
        }
        return literalAddress(uri.getHost()).filter(address -> !allowed(address))
                .map(address -> "points at a " + describe(address) + " address, which is never reached");
    }

    /** Where to connect for {@code uri}, or why not. Under the loopback-only policy no name is ever looked up. */
    public Decision check(URI uri) {
        if (refusal(uri.toString()).isPresent()) {
            return new Blocked("URL " + refusal(uri.toString()).get());
        }
        String host = uri.getHost();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = port(uri);
        Optional<InetAddress> literal = literalAddress(host);
        if (literal.isPresent()) {
            return new Allowed(new InetSocketAddress(literal.get(), port), host, port, https);
        }
        if (policy == Policy.LOOPBACK_ONLY) {
            if (host.equalsIgnoreCase("localhost")) {
                return new Allowed(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), host, port, https);
            }
            return new Blocked("the outbound policy is loopback-only (tests and local runs): " + host + " was not looked up");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Unresolved("host " + host + " did not resolve");
        }
        return addresses.stream().filter(this::allowed).findFirst()
                .<Decision>map(address -> new Allowed(new InetSocketAddress(address, port), host, port, https))
                .orElseGet(() -> new Blocked("host " + host + " resolves only to addresses never reached: "
                        + addresses.stream().map(a -> a.getHostAddress() + " (" + describe(a) + ")").collect(Collectors.joining(", "))));
    }

    private boolean allowed(InetAddress address) {
        AddressKind kind = AddressKind.of(address);
        boolean byPolicy = policy == Policy.PUBLIC ? kind == AddressKind.PUBLIC : kind == AddressKind.LOOPBACK;
        return byPolicy || allowList.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static String describe(InetAddress address) {
        return AddressKind.of(address).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /**
     * The address written in the URL itself, if it is one. Never queries DNS: IPv4 is parsed here (the JDK would look
     * up "999.1.1.1" as a name), and the JDK parses anything with a colon as an IPv6 literal or refuses it.
     */
    static Optional<InetAddress> literalAddress(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                byte[] bytes = new byte[4];
                String[] octets = bare.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (bare.contains(":") && bare.matches("[0-9a-fA-F:.%]+")) {
                return Optional.of(InetAddress.getByName(bare));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** An address block of the allow-list: {@code 10.1.0.0/16}, {@code fd00::/8} or one address. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            InetAddress address = literalAddress(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("Not an address in marketplace.outbound.allow-list: " + text));
            byte[] bytes = address.getAddress();
            return new Cidr(bytes, parts.length > 1 ? Integer.parseInt(parts[1]) : bytes.length * 8);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
