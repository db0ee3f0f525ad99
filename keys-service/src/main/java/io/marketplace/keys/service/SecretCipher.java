package io.marketplace.keys.service;

import io.marketplace.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the secrets keys-service must read back. A ciphertext is {@code <key id>:<base64(iv ‖ ciphertext ‖ tag)>},
 * so adding a new active key leaves every older secret readable.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    @Inject
    public SecretCipher(KeysConfig config) {
        config.encryption().keys().forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("Encryption key " + id + " must be 32 bytes (base64), not " + key.length);
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        activeKeyId = config.encryption().activeKeyId();
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("No encryption key with the active id " + activeKeyId);
        }
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            // the key id is authenticated too: a ciphertext cannot be relabelled with another key
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    public String decrypt(String stored) {
        int colon = stored.indexOf(':');
        String keyId = stored.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("The secret was encrypted with key " + keyId + ", which is not configured");
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret does not decrypt: wrong key or tampered data", e);
        }
    }
}
