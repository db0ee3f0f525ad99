package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.Fixtures.validIntegration;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under the public policy of a deployment, this machine is out of bounds too, in every notation; an ordinary public
 * name on a standard port is accepted (it is not looked up when saved).
 */
@QuarkusTest
@TestProfile(PublicOutboundPolicyTest.PublicPolicy.class)
class PublicOutboundPolicyTest {

    public static class PublicPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.outbound.policy", "public");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/x", "http://localhost./x", "http://api.localhost/x", "http://127.0.0.1/x",
            "http://[::1]/x", "http://[::ffff:127.0.0.1]/x", "http://169.254.169.254/x", "https://dev.example.com:8443/x"})
    void refusesThisMachineAndOtherPortsAsWell(String url) {
        Map<String, Object> body = validIntegration();
        body.put("revoke_url", url);
        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("revoke_url"))
                .body("errors[0].code", equalTo("unsafe_url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://dev.example.com/revoked", "http://93.184.216.34/revoked"})
    void acceptsAPublicNameOrAddress(String url) {
        Map<String, Object> body = validIntegration();
        body.put("revoke_url", url);
        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .body("revoke_url", equalTo(url));
    }
}
