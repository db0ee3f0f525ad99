package io.marketplace.platform.test;

import io.marketplace.platform.security.DevTokenIssuer;
import io.marketplace.platform.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bearer tokens signed by the test key pair that every service trusts in the test profile. */
public final class TestTokens {

    /** The issuer name of keys-service's publish tokens in the test profile. */
    public static final String PUBLISH_TOKEN_ISSUER = "marketplace-keys-service";

    private static final DevTokenIssuer ISSUER = DevTokenIssuer.fromPem(readKey(), DevTokenIssuer.DEFAULT_ISSUER);
    private static final DevTokenIssuer PUBLISH_ISSUER = DevTokenIssuer.fromPem(readKey(), PUBLISH_TOKEN_ISSUER);
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

    /** A developer and admin token of {@code accountId} that expires {@code ttl} from now. */
    public static String expiringIn(long accountId, Duration ttl) {
        return ISSUER.userToken("user-" + accountId, accountId, true, List.of(Roles.DEVELOPER, Roles.ADMIN), ttl.toSeconds());
    }

    /** A developer and admin token of {@code accountId} that expired an hour ago. */
    public static String expired(long accountId) {
        return ISSUER.userToken("user-" + accountId, accountId, true, List.of(Roles.DEVELOPER, Roles.ADMIN), -TTL_SECONDS);
    }

    /** A developer and admin token of {@code accountId} with {@code alg: none} and no signature. */
    public static String unsigned(long accountId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + DevTokenIssuer.DEFAULT_ISSUER + "\",\"sub\":\"user-" + accountId
                + "\",\"account_id\":" + accountId + ",\"technical_account\":true,\"groups\":[\""
                + Roles.DEVELOPER + "\",\"" + Roles.ADMIN + "\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A CI publish token for one integration, as keys-service issues it (scope versions:write, 10 minutes). */
    public static String publisher(UUID integrationId) {
        return PUBLISH_ISSUER.sign(publishClaims(integrationId), 600);
    }

    /** A publish token issued {@code age} ago and still unexpired: older than the 15 minutes allowed. */
    public static String publisherIssuedAgo(UUID integrationId, Duration age) {
        Map<String, Object> claims = publishClaims(integrationId);
        long issuedAt = Instant.now().minus(age).getEpochSecond();
        claims.put("iat", issuedAt);
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return PUBLISH_ISSUER.sign(claims, 600);
    }

    /** A publish token with a valid shape but {@code alg: none} and no signature. */
    public static String unsignedPublisher(UUID integrationId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + PUBLISH_TOKEN_ISSUER + "\",\"sub\":\"x\",\"client_id\":\"" + integrationId
                + "\",\"scope\":\"" + Roles.PUBLISHER + "\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A publish token under keys-service's issuer name, signed by a key keys-service never had. */
    public static String publisherSignedByUnknownKey(UUID integrationId) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevTokenIssuer(generator.generateKeyPair().getPrivate(), PUBLISH_TOKEN_ISSUER)
                    .sign(publishClaims(integrationId), 600);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> publishClaims(UUID integrationId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "publish-key-" + integrationId);
        claims.put("client_id", integrationId.toString());
        claims.put("scope", Roles.PUBLISHER);
        return claims;
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
