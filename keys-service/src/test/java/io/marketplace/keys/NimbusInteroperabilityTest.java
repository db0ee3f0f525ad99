package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.code;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** keys-service spoken to by an independent OAuth 2.0 / JOSE library (Nimbus), not by hand-written requests. */
@QuarkusTest
class NimbusInteroperabilityTest {

    @Test
    void aStandardClientDiscoversExchangesRefreshesIntrospectsAndVerifies() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(
                given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200).extract().asString());
        RegisteredClient client = client();
        ClientSecretBasic authentication = new ClientSecretBasic(new ClientID(client.clientId().toString()),
                new Secret(client.secret()));
        CodeVerifier verifier = new CodeVerifier();
        String code = code(client, 5005, CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());

        Tokens first = success(metadata, authentication, new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(Registrations.REDIRECT_URI), verifier));
        Tokens second = success(metadata, authentication, new RefreshTokenGrant(first.getRefreshToken()));
        assertThat(second.getRefreshToken(), not(equalTo(first.getRefreshToken())));

        TokenResponse reused = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), authentication,
                new RefreshTokenGrant(first.getRefreshToken())).toHTTPRequest().send());
        assertThat(reused.indicatesSuccess(), equalTo(false));
        assertThat(reused.toErrorResponse().getErrorObject().getCode(), equalTo("invalid_grant"));

        TokenIntrospectionSuccessResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), authentication, second.getAccessToken()).toHTTPRequest().send())
                .toSuccessResponse();
        // reusing the old refresh token revoked the grant: the newest access token is dead too
        assertThat(introspection.isActive(), equalTo(false));

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(false).build()));
        JWTClaimsSet claims = processor.process(first.getAccessToken().getValue(), null);
        assertThat(claims.getStringClaim("client_id"), equalTo(client.clientId().toString()));
        assertThat(claims.getLongClaim("account_id"), equalTo(5005L));
        assertThat(claims.getIssuer(), equalTo("marketplace-keys-service"));
        assertThat(claims.getSubject(), equalTo("5005"));
        assertThat(claims.getClaims().keySet(), equalTo(Set.of("iss", "sub", "aud", "iat", "exp", "jti", "client_id",
                "scope", "gid", "account_id")));
        assertThat(claims.getExpirationTime().after(claims.getIssueTime()), equalTo(true));
        JWSHeader header = SignedJWT.parse(first.getAccessToken().getValue()).getHeader();
        assertThat(header.getType(), equalTo(JOSEObjectType.JWT));
        assertThat(header.getKeyID(), notNullValue());
    }

    private static Tokens success(AuthorizationServerMetadata metadata, ClientSecretBasic authentication,
            AuthorizationGrant grant) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), authentication, grant)
                .toHTTPRequest().send());
        if (!response.indicatesSuccess()) {
            throw new AssertionError("token request failed: " + response.toErrorResponse().getErrorObject());
        }
        return response.toSuccessResponse().getTokens();
    }
}
