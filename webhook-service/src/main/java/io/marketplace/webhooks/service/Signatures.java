package io.marketplace.webhooks.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two signatures a receiver can check. How to verify them is in the README. */
public final class Signatures {

    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    private Signatures() {
    }

    /** Kommo's {@code signature} parameter: hex HMAC-SHA256 of {@code "<client_id>|<account_id>"} keyed with the secret key. */
    public static String kommo(UUID clientId, long accountId, String secretKey) {
        return HexFormat.of().formatHex(hmac(secretKey.getBytes(StandardCharsets.UTF_8), clientId + "|" + accountId));
    }

    /**
     * The Standard Webhooks {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256>} of
     * {@code "<webhook-id>.<webhook-timestamp>.<payload>"} for every secret (a rotation signs with both), space-separated.
     * The key is the base64 text after {@code whsec_}, decoded.
     */
    public static String standardWebhooks(String webhookId, long timestamp, String payload, List<String> webhookSecrets) {
        String signed = webhookId + "." + timestamp + "." + payload;
        return webhookSecrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] key(String webhookSecret) {
        String encoded = webhookSecret.startsWith(WEBHOOK_SECRET_PREFIX)
                ? webhookSecret.substring(WEBHOOK_SECRET_PREFIX.length()) : webhookSecret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
