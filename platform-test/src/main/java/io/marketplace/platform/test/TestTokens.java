package io.marketplace.platform.test;

import io.marketplace.platform.security.DevTokenIssuer;
import io.marketplace.platform.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Bearer tokens signed by the test key pair that every service trusts in the test profile. */
public final class TestTokens {

    private static final DevTokenIssuer ISSUER = DevTokenIssuer.fromPem(readKey(), DevTokenIssuer.DEFAULT_ISSUER);
    private static final long TTL_SECONDS = 3600;

    private TestTokens() {
    }

    /** A developer of the technical account {@code accountId}. */
    public static String technicalDeveloper(long accountId) {
        return user(accountId, true, Roles.DEVELOPER);
    }

    /** An admin of the technical account {@code accountId}. */
    public static String technicalAdmin(long accountId) {
        return user(accountId, true, Roles.ADMIN);
    }

    public static String user(long accountId, boolean technicalAccount, String... roles) {
        return ISSUER.userToken("user-" + accountId, accountId, technicalAccount, List.of(roles), TTL_SECONDS);
    }

    public static String service(String serviceName) {
        return ISSUER.serviceToken(serviceName, TTL_SECONDS);
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String signedByUnknownKey(long accountId) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevTokenIssuer(generator.generateKeyPair().getPrivate(), DevTokenIssuer.DEFAULT_ISSUER)
                    .userToken("intruder", accountId, true, List.of(Roles.DEVELOPER, Roles.ADMIN), TTL_SECONDS);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/dev-issuer/test-private.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
