package io.marketplace.keys.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.keys.config.KeysConfig;
import io.marketplace.keys.persistence.SigningKeyRepository.StoredKey;
import io.marketplace.keys.persistence.SigningKeyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Signs tokens (ES256 on P-256, {@code kid} header) with the active signing key and publishes the JWKS. ES256 rather
 * than RS256: a signature costs a fraction of an RSA-2048 one, and the token endpoint signs one per grant. A rotation
 * activates a new key; the old one stays in the JWKS while any token it signed can still be presented.
 */
@ApplicationScoped
public class TokenSigner {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SigningKeyRepository keys;

    @Inject
    SecretCipher cipher;

    @Inject
    KeysConfig config;

    private volatile ActiveKey active;

    /** {@code header}: the JWS header every token it signs carries, encoded once. */
    private record ActiveKey(String kid, PrivateKey privateKey, Instant createdAt, String header) {
    }

    void ensureKey(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (keys.active().isEmpty()) {
                keys.activateFirst(newKey());
            }
        });
        active = null;
    }

    /**
     * What an access token of this service says. {@code accountId} is the account that granted it, absent for a
     * publish token (the pipeline acts for the integration, not for an account).
     */
    public record AccessToken(String subject, UUID clientId, Long accountId, String scope, UUID grantId, Instant issuedAt,
            Instant expiresAt) {
    }

    /** The claims the access tokens carry; introspection reads them back. */
    public static final String CLIENT_ID = "client_id";
    public static final String ACCOUNT_ID = "account_id";
    public static final String SCOPE = "scope";
    public static final String GRANT_ID = "gid";

    /**
     * Signs an access token with the active key (a JWS in compact form, RFC 7515); answers the token and the kid that
     * signed it. Written here rather than with a JWT builder: the builder read its defaults from the configuration at
     * every call, which cost the token endpoint about half as much again as the signature itself.
     */
    public Signed sign(AccessToken token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("sub", token.subject());
        claims.put("aud", config.audience());
        claims.put("iat", token.issuedAt().getEpochSecond());
        claims.put("exp", token.expiresAt().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put(CLIENT_ID, token.clientId().toString());
        if (token.scope() != null) {
            claims.put(SCOPE, token.scope());
        }
        claims.put(GRANT_ID, token.grantId().toString());
        if (token.accountId() != null) {
            claims.put(ACCOUNT_ID, token.accountId());
        }
        ActiveKey key = activeKey();
        try {
            String signingInput = key.header() + "." + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            // ES256 signatures are R || S, 32 bytes each (RFC 7518 section 3.4), which the P1363 format gives as is
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key.privateKey());
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Signed(signingInput + "." + B64URL.encodeToString(es256.sign()), key.kid());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }

    public record Signed(String token, String kid) {
    }

    /** Activates a new signing key; tokens signed by the previous one keep verifying until they expire. */
    public String rotate() {
        StoredKey next = newKey();
        Instant stillValid = Instant.now().plus(config.accessTokenLifetime()).plus(Duration.ofMinutes(5));
        QuarkusTransaction.requiringNew().run(() -> keys.replaceActive(next, stillValid));
        active = null;
        return next.kid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rotateWhenDue() {
        if (activeKey().createdAt().plus(config.signingKeyLifetime()).isBefore(Instant.now())) {
            rotate();
        }
    }

    /**
     * The claims of a token this server signed and that is still within its lifetime, or null. Published keys are
     * cached for a few seconds; an unknown kid reloads them at once (a rotation elsewhere).
     */
    public JwtClaims verify(String token) {
        try {
            JsonWebSignature header = new JsonWebSignature();
            header.setCompactSerialization(token);
            String kid = header.getKeyIdHeaderValue();
            JsonWebKeySet keys = verificationKeys(false);
            if (kid != null && keys.findJsonWebKey(kid, null, null, null) == null) {
                keys = verificationKeys(true);
            }
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                    .setExpectedIssuer(config.issuer())
                    .setSkipDefaultAudienceValidation()
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .build()
                    .processToClaims(token);
        } catch (InvalidJwtException | org.jose4j.lang.JoseException e) {
            return null;
        }
    }

    private volatile CachedKeys cachedKeys;

    private record CachedKeys(JsonWebKeySet keys, long loadedAt) {
    }

    private JsonWebKeySet verificationKeys(boolean reload) {
        CachedKeys cached = cachedKeys;
        if (reload || cached == null || System.nanoTime() - cached.loadedAt() > 10_000_000_000L) {
            try {
                cached = new CachedKeys(new JsonWebKeySet(io.vertx.core.json.Json.encode(jwks())), System.nanoTime());
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException("The published keys do not form a JWKS", e);
            }
            cachedKeys = cached;
        }
        return cached.keys();
    }

    /** The JWKS: every published key's public half. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> published = QuarkusTransaction.requiringNew().call(keys::published).stream()
                .map(TokenSigner::jwk).toList();
        return Map.of("keys", published);
    }

    private ActiveKey activeKey() {
        ActiveKey key = active;
        if (key == null) {
            StoredKey stored = QuarkusTransaction.requiringNew().call(() -> keys.active().orElseThrow());
            key = new ActiveKey(stored.kid(), privateKey(cipher.decrypt(stored.privateKeyEnc())), stored.createdAt(),
                    header(stored.kid()));
            active = key;
        }
        return key;
    }

    private static String header(String kid) {
        try {
            Map<String, String> header = new LinkedHashMap<>();
            header.put("kid", kid);
            header.put("typ", "JWT");
            header.put("alg", "ES256");
            return B64URL.encodeToString(JSON.writeValueAsBytes(header));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] publicKey = pair.getPublic().getEncoded();
            String kid = B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
            String privateKey = cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            return new StoredKey(kid, privateKey, publicKey, Instant.now());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key does not load", e);
        }
    }

    private static Map<String, Object> jwk(StoredKey key) {
        try {
            ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.publicKey()));
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "EC");
            jwk.put("kid", key.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "ES256");
            jwk.put("crv", "P-256");
            jwk.put("x", B64URL.encodeToString(coordinate(publicKey.getW().getAffineX().toByteArray())));
            jwk.put("y", B64URL.encodeToString(coordinate(publicKey.getW().getAffineY().toByteArray())));
            return jwk;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored public key does not load", e);
        }
    }

    /** A P-256 coordinate in a JWK is exactly 32 unsigned big-endian bytes (BigInteger may give 31 or 33). */
    private static byte[] coordinate(byte[] bytes) {
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }
}
