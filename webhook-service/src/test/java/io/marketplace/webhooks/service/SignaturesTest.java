package io.marketplace.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The two signatures a receiver checks, against vectors computed elsewhere (Standard Webhooks' own example). */
class SignaturesTest {

    @Test
    void signsLikeTheStandardWebhooksSpecificationsExample() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Signatures.standardWebhooks(
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}",
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    }

    @Test
    void signsWithEverySecretDuringARotation() {
        String both = Signatures.standardWebhooks("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}",
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_dGhlIG9sZCBzZWNyZXQgc3RpbGwgc2lnbnM="));
        assertEquals(2, both.split(" ").length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", both.split(" ")[0]);
    }

    @Test
    void signsKommosRevokeNoticeAsHexHmacOfClientAndAccount() {
        // python3: hmac.new(b'kommo-secret', b'<client>|2002', hashlib.sha256).hexdigest()
        assertEquals("a238c1c6eb64d8bd99e65663dd1bafd5dcf4a462ca2561d1ecb5048b3ad0e455",
                Signatures.kommo(UUID.fromString("5f0e2d4c-1a2b-4c3d-8e9f-001122334455"), 2002, "kommo-secret"));
    }
}
