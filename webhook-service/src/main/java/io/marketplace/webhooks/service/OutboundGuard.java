package io.marketplace.webhooks.service;

import io.marketplace.platform.outbound.OutboundConfig.Policy;
import io.marketplace.platform.outbound.OutboundUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides where an outbound request may go. The address a name resolves to is checked, and the request is then
 * sent to that very address (the caller pins it), so a second DNS answer cannot swap in a private one.
 */
@ApplicationScoped
public class OutboundGuard {


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

    private final OutboundUrls urls;
    private final HostResolver resolver;

    @Inject
    public OutboundGuard(OutboundUrls urls, HostResolver resolver) {
        this.urls = urls;
        this.resolver = resolver;
    }

    /** Where to connect for {@code uri}, or why not. Under the loopback-only policy no name is ever looked up. */
    public Decision check(URI uri) {
        Optional<String> refusal = urls.refusal(uri.toString()); // what the text alone forbids, without a lookup
        if (refusal.isPresent()) {
            return new Blocked("URL " + refusal.get());
        }
        String host = uri.getHost();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = OutboundUrls.port(uri);
        Optional<InetAddress> literal = OutboundUrls.literalAddress(host);
        if (literal.isPresent()) {
            return new Allowed(new InetSocketAddress(literal.get(), port), host, port, https);
        }
        if (urls.policy() == Policy.LOOPBACK_ONLY) {
            if (OutboundUrls.isLocalhostName(host)) {
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
        return addresses.stream().filter(urls::allowed).findFirst()
                .<Decision>map(address -> new Allowed(new InetSocketAddress(address, port), host, port, https))
                .orElseGet(() -> new Blocked("host " + host + " resolves only to addresses never reached: "
                        + addresses.stream().map(a -> a.getHostAddress() + " (" + OutboundUrls.describe(a) + ")")
                                .collect(Collectors.joining(", "))));
    }
}
