package io.marketplace.platform.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where outbound requests may go. */
@ConfigMapping(prefix = "marketplace.outbound")
public interface OutboundConfig {

    enum Policy {
        /** Tests and the local run: loopback addresses only, no DNS lookups; anything else is blocked. */
        LOOPBACK_ONLY,
        /** Production: public addresses only (plus the allow-list), resolved once and connected to as checked. */
        PUBLIC
    }

    /** Loopback-only unless a deployment says otherwise, so a forgotten setting cannot send traffic out. */
    @WithDefault("loopback-only")
    Policy policy();

    /** Addresses or CIDR blocks allowed even though they are not public (for example a partner's VPN range). */
    Optional<List<String>> allowList();

    /** Ports allowed besides 80 and 443 under the public policy. */
    Optional<List<Integer>> extraPorts();
}
