package io.marketplace.integrations.config;

import io.smallrye.config.ConfigMapping;

/** CI publishing: which issuer's tokens are publish tokens (keys-service's), verified by the OIDC tenant "ci". */
@ConfigMapping(prefix = "marketplace.publishing")
public interface PublishingConfig {

    /** The {@code iss} of publish tokens. */
    String issuer();
}
