package io.marketplace.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development token issuer: an RS256 key pair on disk and a signer for user and service tokens.
 * It uses the JDK only, so {@code ./run.sh token} runs it straight from this module's jar.
 * Services verify these tokens with {@code quarkus.oidc.public-key}; pointing them at a real IdP is configuration only.
 */
public final class DevTokenIssuer {

    public static final String DEFAULT_ISSUER = "marketplace-dev-issuer";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final String keyId;
    private final String issuer;

    public DevTokenIssuer(PrivateKey privateKey, String issuer) {
        this.privateKey = privateKey;
        this.issuer = issuer;
        this.keyId = keyIdOf(privateKey);
    }

    public static DevTokenIssuer fromPem(String pem, String issuer) {
        return new DevTokenIssuer(readPrivateKey(pem), issuer);
    }

    /** A token for a user acting in {@code accountId}. */
    public String userToken(String subject, long accountId, boolean technicalAccount, List<String> roles, long ttlSeconds) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put(Caller.ACCOUNT_ID_CLAIM, accountId);
        claims.put(Caller.TECHNICAL_ACCOUNT_CLAIM, technicalAccount);
        claims.put("groups", roles);
        return sign(claims, ttlSeconds);
    }

    /** A token for a service calling its neighbours (the client-credentials equivalent of this issuer). */
    public String serviceToken(String serviceName, long ttlSeconds) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "service-account-" + serviceName);
        claims.put("azp", serviceName);
        claims.put("groups", List.of(Roles.SERVICE));
        return sign(claims, ttlSeconds);
    }

    public String sign(Map<String, Object> claims, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.put("iat", now);
        all.put("exp", now + ttlSeconds);
        all.put("jti", UUID.randomUUID().toString());
        all.putAll(claims);
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(json(all).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
    }

    /** Writes {@code private.pem} (owner-only) and {@code public.pem} into {@code dir} unless they exist. */
    public static void generateKeyPair(Path dir) throws IOException, GeneralSecurityException {
        Path privatePem = dir.resolve("private.pem");
        if (Files.exists(privatePem)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a PKCS#8 RSA private key", e);
        }
    }

    private static String keyIdOf(PrivateKey key) {
        try {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return B64URL.encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Not an RSA private key", e);
        }
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Just enough JSON for flat claims: strings, numbers, booleans and lists of strings. */
    static String json(Map<String, Object> claims) {
        List<String> members = new ArrayList<>();
        claims.forEach((name, value) -> members.add(quote(name) + ":" + jsonValue(value)));
        return "{" + String.join(",", members) + "}";
    }

    private static String jsonValue(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(DevTokenIssuer::jsonValue).toList()) + "]";
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code keygen <dir>} creates the key pair once; {@code token <private.pem> --account N [--technical]
     * [--roles a,b] [--subject s] [--ttl seconds] [--issuer iss]} prints a bearer token.
     */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("keygen")) {
            generateKeyPair(Path.of(args[1]));
            return;
        }
        if (args.length < 2 || !args[0].equals("token")) {
            System.err.println("usage: keygen <dir> | token <private.pem> --account N [--technical] [--roles a,b]"
                    + " [--subject s] [--ttl seconds] [--issuer iss]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        boolean technical = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--technical")) {
                technical = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("unknown option: " + args[i]);
                System.exit(2);
            }
        }
        if (!options.containsKey("account")) {
            System.err.println("--account is required");
            System.exit(2);
        }
        long account = Long.parseLong(options.get("account"));
        List<String> roles = options.getOrDefault("roles", "developer").isBlank() ? List.of()
                : List.of(options.getOrDefault("roles", "developer").split(","));
        DevTokenIssuer issuer = fromPem(Files.readString(Path.of(args[1])), options.getOrDefault("issuer", DEFAULT_ISSUER));
        System.out.println(issuer.userToken(options.getOrDefault("subject", "user-" + account), account, technical, roles,
                Long.parseLong(options.getOrDefault("ttl", "43200"))));
    }
}
