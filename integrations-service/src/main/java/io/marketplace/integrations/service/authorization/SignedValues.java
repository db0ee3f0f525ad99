package io.marketplace.integrations.service.authorization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.config.SignInConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Values the browser carries and gives back unchanged: JSON, base64url, then an HMAC-SHA256 over the purpose and the
 * JSON. The purpose keeps a value signed for one use (a consent ticket) from passing for another (a session).
 */
@ApplicationScoped
public class SignedValues {

    private static final Logger LOG = Logger.getLogger(SignedValues.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    @Inject
    SignInConfig config;

    @Inject
    ObjectMapper json;

    private SecretKeySpec key;

    /** A signed value says until when it holds; past that it reads as absent. */
    public interface Expiring {
        long expiresAt();
    }

    @PostConstruct
    void loadKey() {
        byte[] secret = config.secret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn("marketplace.sign-in.secret (MARKETPLACE_SIGN_IN_SECRET) is not set: this process signs the"
                            + " authorization page's tickets with a key of its own, so another replica will not accept them");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String sign(String purpose, Expiring value) {
        try {
            String payload = B64.encodeToString(json.writeValueAsBytes(value));
            return payload + "." + B64.encodeToString(mac(purpose, payload));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a signed value", e);
        }
    }

    /** The value, if {@code signed} was made by {@link #sign} for this purpose and has not expired. */
    public <T extends Expiring> Optional<T> verify(String purpose, String signed, Class<T> type) {
        if (signed == null) {
            return Optional.empty();
        }
        int dot = signed.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = signed.substring(0, dot);
        try {
            byte[] given = B64_DECODER.decode(signed.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(purpose, payload))) {
                return Optional.empty();
            }
            T value = json.readValue(B64_DECODER.decode(payload), type);
            return value.expiresAt() > Instant.now().getEpochSecond() ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((purpose + "." + payload).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
