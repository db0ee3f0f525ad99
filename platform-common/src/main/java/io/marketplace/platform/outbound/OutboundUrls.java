package io.marketplace.platform.outbound;

import io.marketplace.platform.outbound.OutboundConfig.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one policy for URLs this system will call (the developers' redirect and revoke URLs): integrations-service
 * applies it when they are saved, webhook-service when a job arrives and again, with the resolved address, before
 * each request. Everything here is decided from the URL's text, without any lookup or connection.
 */
@ApplicationScoped
public class OutboundUrls {

    public static final int MAX_URL_LENGTH = 2048;

    /** A canonical dotted quad: four decimal octets, no leading zeros (which some resolvers read as octal). */
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    /** Labels that are all numbers (decimal, octal or 0x-hex): an address in a notation resolvers disagree on. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");

    /** The port of an authority ({@code user@host:port}, {@code [v6]:port}), when one is written. */
    private static final Pattern WRITTEN_PORT = Pattern.compile("(?:[^@]*@)?(?:\\[[^\\]]*\\]|[^:\\[\\]]*):([0-9]+)");

    private final Policy policy;
    private final List<Cidr> allowList;
    private final Set<Integer> ports;

    @Inject
    public OutboundUrls(OutboundConfig config) {
        this(config.policy(), config.allowList().orElse(List.of()), config.extraPorts().orElse(List.of()));
    }

    public OutboundUrls(Policy policy, List<String> allowList, List<Integer> extraPorts) {
        this.policy = policy;
        this.allowList = allowList.stream().map(Cidr::parse).toList();
        this.ports = Stream.concat(Stream.of(80, 443), extraPorts.stream()).collect(Collectors.toUnmodifiableSet());
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Why {@code url} is not a URL to call at all: not an absolute http(s) URL with a host, or credentials or a
     * fragment in it. Empty for a well-formed one.
     */
    public static Optional<String> malformed(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (portOutOfRange(uri.getRawAuthority())) {
            return Optional.of("must have a port from 1 to 65535");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host empty for names it does not accept: "2130706433", "0x7f000001", "127.1"
            return Optional.of("must name a host (a name, a dotted-quad IPv4 address or a bracketed IPv6 address)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return Optional.empty();
    }

    /**
     * Whether the authority names a port no connection can use. java.net.URI takes 0 and anything up to
     * {@code Integer.MAX_VALUE} as a port, and leaves the host empty beyond it, which would be reported as a bad host.
     */
    private static boolean portOutOfRange(String authority) {
        Matcher port = authority == null ? null : WRITTEN_PORT.matcher(authority);
        if (port == null || !port.matches()) {
            return false;
        }
        String digits = port.group(1).replaceFirst("^0+(?=.)", "");
        return digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535;
    }

    /**
     * Why {@code url} is never to be called, judged from its text alone: {@link #malformed}, a port the policy does
     * not open, a host written as an ambiguous number, or an address (or the name {@code localhost}) the policy
     * forbids. Empty when it may be called, subject to what its name resolves to.
     */
    public Optional<String> refusal(String url) {
        return malformed(url).or(() -> unsafe(URI.create(url)));
    }

    private Optional<String> unsafe(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.contains("%")) {
            return Optional.of("must not name an IPv6 zone (" + host + ")");
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (!host.startsWith("[") && NUMERIC_HOST.matcher(lowerHost).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("names its host " + host + " as a number that is not a plain dotted-quad address");
        }
        if (policy == Policy.PUBLIC && !ports.contains(port(uri))) {
            return Optional.of("must use port 80 or 443" + (ports.size() > 2 ? " or one of " + ports : ""));
        }
        if (isLocalhostName(lowerHost) && policy == Policy.PUBLIC) {
            return Optional.of("points at this machine (" + host + "), which is never reached");
        }
        return literalAddress(host).filter(address -> !allowed(address))
                .map(address -> "points at " + withArticle(describe(address)) + " address, which is never reached");
    }

    /** Whether the policy lets a request reach {@code address} (resolved, or written in the URL). */
    public boolean allowed(InetAddress address) {
        AddressKind kind = AddressKind.of(address);
        boolean byPolicy = policy == Policy.PUBLIC ? kind == AddressKind.PUBLIC : kind == AddressKind.LOOPBACK;
        return byPolicy || allowList.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** {@code localhost}, {@code localhost.} and names under {@code .localhost}: always this machine (RFC 6761). */
    public static boolean isLocalhostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost");
    }

    public static String describe(InetAddress address) {
        return AddressKind.of(address).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String withArticle(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    public static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /**
     * The address written in the URL itself, if it is one. Never queries DNS: IPv4 is parsed here (the JDK would look
     * up "999.1.1.1" as a name), and the JDK parses anything with a colon as an IPv6 literal or refuses it.
     */
    public static Optional<InetAddress> literalAddress(String host) {
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
