package io.marketplace.platform.test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so it is kept correct by reading it: its services,
 * ports and environment names must match what the services read, and its secrets what the Keycloak realm holds.
 */
class DeploymentDescriptorTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("integrations-service", "keys-service", "stats-service", "webhook-service");

    private final JsonNode compose = yaml(ROOT.resolve("docker-compose.yml"));
    private final JsonNode realm = json(ROOT.resolve("deploy/keycloak/marketplace-realm.json"));
    private final String readme = read(ROOT.resolve("README.md"));
    private final String sharedDefaults = read(ROOT.resolve("platform-common/src/main/resources/META-INF/microprofile-config.properties"));

    @Test
    void runsPostgresKeycloakAndTheFourServices() {
        List<String> names = new ArrayList<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>(SERVICES);
        expected.add("postgres");
        expected.add("keycloak");
        assertThat(names, containsInAnyOrder(expected.toArray(String[]::new)));
    }

    @Test
    void publishesEachServiceOnTheTcpPortItListensOn() {
        for (String service : SERVICES) {
            JsonNode definition = compose.at("/services/" + service);
            String port = properties(service).getProperty("quarkus.http.port");
            assertThat(service + " port", texts(definition.get("ports")), hasItem(port + ":" + port));
            assertThat(service + " image", definition.at("/build/args/SERVICE").asText(), equalTo(service));
            assertThat(service + " healthcheck", texts(definition.at("/healthcheck/test")),
                    hasItem("http://localhost:" + port + "/q/health/ready"));
            assertThat(service + " waits for its database", definition.at("/depends_on/postgres/condition").asText(),
                    equalTo("service_healthy"));
            assertThat(service + " waits for its IdP", definition.at("/depends_on/keycloak/condition").asText(),
                    equalTo("service_healthy"));
        }
    }

    @Test
    void setsOnlyEnvironmentVariablesTheServicesRead() {
        for (String service : SERVICES) {
            String serviceConfig = read(ROOT.resolve(service + "/src/main/resources/application.properties"));
            compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(name -> {
                if (name.startsWith("QUARKUS_") || name.startsWith("MARKETPLACE_")) {
                    // read through Quarkus's environment mapping; each one is in the README's configuration reference
                    assertThat(service + " sets " + name, readme, containsString("`" + name + "`"));
                } else {
                    assertThat(service + " sets " + name + ", which no configuration file reads",
                            (serviceConfig + sharedDefaults).matches("(?s).*\\$\\{" + name + "[:}].*"), equalTo(true));
                }
            });
        }
    }

    @Test
    void givesEachServiceTheClientCredentialsOfItsKeycloakClient() {
        for (String service : SERVICES) {
            JsonNode client = StreamSupport.stream(realm.get("clients").spliterator(), false)
                    .filter(c -> c.get("clientId").asText().equals(service))
                    .findFirst().orElse(null);
            assertThat("realm client " + service, client, notNullValue());
            assertThat(compose.at("/services/" + service + "/environment/QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET").asText(),
                    equalTo(client.get("secret").asText()));
            assertThat(client.get("serviceAccountsEnabled").asBoolean(), equalTo(true));
            JsonNode serviceAccount = StreamSupport.stream(realm.get("users").spliterator(), false)
                    .filter(u -> service.equals(u.path("serviceAccountClientId").asText()))
                    .findFirst().orElseThrow();
            assertThat(texts(serviceAccount.get("realmRoles")), hasItem("service"));
            assertThat(compose.at("/services/" + service + "/environment/QUARKUS_OIDC_AUTH_SERVER_URL").asText(),
                    endsWith("/realms/" + realm.get("realm").asText()));
        }
    }

    @Test
    void theRealmCarriesTheRolesAndClaimsTheServicesUse() {
        List<String> roles = new ArrayList<>();
        realm.at("/roles/realm").forEach(role -> roles.add(role.get("name").asText()));
        assertThat(roles, hasItems("developer", "admin", "moderator", "service"));

        JsonNode console = StreamSupport.stream(realm.get("clients").spliterator(), false)
                .filter(c -> c.get("clientId").asText().equals("marketplace-console"))
                .findFirst().orElseThrow();
        List<String> claims = new ArrayList<>();
        console.get("protocolMappers").forEach(mapper -> claims.add(mapper.at("/config/claim.name").asText()));
        assertThat(claims, hasItems("account_id", "technical_account", "groups"));
    }

    @Test
    void signsUsersInOnTheAuthorizationPageWithItsOwnKeycloakClient() {
        JsonNode page = StreamSupport.stream(realm.get("clients").spliterator(), false)
                .filter(c -> c.get("clientId").asText().equals("marketplace-authorization-page"))
                .findFirst().orElseThrow();
        JsonNode integrations = compose.at("/services/integrations-service/environment");
        assertThat(integrations.at("/MARKETPLACE_SIGN_IN_OIDC").asText(), equalTo("true"));
        assertThat(integrations.at("/MARKETPLACE_SIGN_IN_CLIENT_SECRET").asText(), equalTo(page.get("secret").asText()));
        assertThat(page.get("standardFlowEnabled").asBoolean(), equalTo(true));
        assertThat(texts(page.get("redirectUris")), hasItem("http://localhost:8081/oauth/signed-in"));
        List<String> idTokenClaims = new ArrayList<>();
        page.get("protocolMappers").forEach(mapper -> {
            if (mapper.at("/config/id.token.claim").asText().equals("true")) {
                idTokenClaims.add(mapper.at("/config/claim.name").asText());
            }
        });
        assertThat(idTokenClaims, hasItems("accounts", "account_id", "groups"));
        assertThat(compose.at("/services/keys-service/environment/AUTHORIZATION_ENDPOINT").asText(),
                equalTo("http://localhost:8081/oauth"));
    }

    private static Properties properties(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(ROOT.resolve(service + "/src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    /** SnakeYAML resolves the anchors and merge keys ({@code <<: *service-environment}) that compose files use. */
    private static JsonNode yaml(Path path) {
        return new ObjectMapper().valueToTree(new Yaml().load(read(path)));
    }

    private static JsonNode json(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
