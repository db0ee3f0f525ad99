package io.marketplace.e2e;

import static io.marketplace.e2e.MarketplaceSteps.parameters;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.client.integrations.api.IntegrationsApi;
import io.marketplace.client.integrations.api.ListingsApi;
import io.marketplace.client.integrations.api.MarketplaceApi;
import io.marketplace.client.integrations.api.VersionsApi;
import io.marketplace.client.integrations.model.CatalogEntry;
import io.marketplace.client.integrations.model.InstallationRequest;
import io.marketplace.client.integrations.model.IntegrationPatch;
import io.marketplace.client.integrations.model.ListingContent;
import io.marketplace.client.integrations.model.ListingSettings;
import io.marketplace.client.integrations.model.NewIntegration;
import io.marketplace.client.integrations.model.PublishRequest;
import io.marketplace.client.integrations.model.VersionResponse;
import io.marketplace.client.keys.api.KeysApi;
import io.marketplace.client.keys.api.Oauth2Api;
import io.marketplace.client.keys.model.TokenAnswer;
import io.marketplace.client.stats.api.StatsApi;
import io.marketplace.client.stats.model.Metrics;
import io.marketplace.client.webhooks.api.DeliveriesApi;
import io.marketplace.e2e.Stack.Service;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fixtures.WidgetZip;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The developer flow through the Java clients that OpenAPI Generator made from the services' own documents, and
 * nothing else: no hand-written request. If a document says something the wire does not do (a field name, a status,
 * a media type), this is where a generated client breaks the way a frontend's would. Beside it, the one hand-written
 * check: that each packaged service serves the very documents those clients were generated from.
 */
class GeneratedClientFlowTest {

    private static final long MODERATOR = 1;
    private static Stack stack;
    private static DeveloperBackend backend;
    private static final long DEVELOPER = 900_000 + ProcessHandle.current().pid() % 1000 * 10;
    private static final long BUYER = DEVELOPER + 1;

    @TempDir
    Path files;

    @BeforeAll
    static void startTheServices() throws Exception {
        stack = Stack.withTestIssuer();
        backend = new DeveloperBackend();
        stack.startAll();
    }

    @AfterAll
    static void stopTheServices() throws Exception {
        backend.close();
        stack.close();
    }

    /**
     * Each packaged service serves the documents its build stored, the ones these clients come from. The services
     * build them on the first requests for them (LazyOpenApiDocumentService), here several at once.
     */
    @Test
    void eachServiceServesTheDocumentsItsClientsWereGeneratedFrom() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        for (Service service : Service.values()) {
            List<String> documents = List.of("openapi", "openapi-internal", "openapi", "openapi-internal");
            List<CompletableFuture<HttpResponse<String>>> answers = documents.stream()
                    .map(document -> http.sendAsync(HttpRequest.newBuilder(
                            URI.create(stack.url(service) + "/q/" + document + "?format=json")).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            for (int i = 0; i < documents.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get();
                String what = service.module + " /q/" + documents.get(i);
                assertThat(what, answer.statusCode(), equalTo(200));
                JsonNode served = json.readTree(answer.body());
                JsonNode stored = json.readTree(stack.storedDocument(service, documents.get(i) + ".json").toFile());
                for (String part : List.of("info", "tags", "paths", "components")) {
                    assertThat(what + " " + part, served.get(part), equalTo(stored.get(part)));
                }
            }
        }
    }

    @Test
    void aDeveloperPublishesAnAccountInstallsAndDisablesThroughTheGeneratedClientsAlone() throws Exception {
        String developer = TestTokens.technicalDeveloper(DEVELOPER);
        String name = "Generated" + Long.toString(System.nanoTime(), 36);

        UUID id = new IntegrationsApi(integrations(developer)).createIntegration(new NewIntegration()
                .code("gen" + Long.toString(System.nanoTime(), 36)).redirectUri(URI.create("https://dev.example.com/oauth"))
                .revokeUrl(URI.create("https://dev.example.com/revoke")).scopes(List.of("crm")).languages(List.of("en"))).getId();
        ListingsApi listings = new ListingsApi(integrations(developer));
        listings.putSettings(id, 1, new ListingSettings().duplicateControl(true).multipleSources(false).ownerCompany("Acme"));
        listings.putListing(id, "en", 1, new ListingContent().name(name).shortDescription("Keeps leads in sync")
                .description("Synchronises leads every minute.").installedDescription("Welcome #ACCOUNT_SUBDOMAIN#!")
                .privacyPolicyUrl(URI.create("https://dev.example.com/privacy"))
                .supportUrl(URI.create("https://dev.example.com/support"))
                .supportEmail("support@dev.example.com"));
        listings.putIcon(id, "en", 1, file("icon.png", Images.png(400, 272)));
        listings.putInstalledLogo(id, "en", 1, file("logo.png", Images.png(108, 108)));
        listings.addGalleryImage(id, "en", 1, file("gallery.jpg", Images.jpeg(1188, 616)));
        assertThat(listings.putArchive(id, 1, file("widget.zip", WidgetZip.valid(List.of("en")).bytes()), null).getValid(),
                equalTo(true));
        VersionsApi versions = new VersionsApi(integrations(developer));
        versions.sendVersionToReview(id, 1);
        new VersionsApi(integrations(TestTokens.user(MODERATOR, false, Roles.MODERATOR))).approveVersion(id, 1);
        assertThat(versions.publishVersion(id, 1, new PublishRequest().category("sales")).getStatus(),
                equalTo(VersionResponse.StatusEnum.PUBLISHED));
        assertThat(new MarketplaceApi(integrations(null)).listMarketplace(null, "en", null, null, name).getEmbedded()
                .get("integrations").stream().map(CatalogEntry::getId).toList(), hasItem(id));

        String codePath = "/generated-oauth-" + id;
        String revokePath = "/generated-revoke-" + id;
        new IntegrationsApi(integrations(developer)).patchIntegration(id, new IntegrationPatch()
                .redirectUri(URI.create(backend.url(codePath))).revokeUrl(URI.create(backend.url(revokePath))));
        MarketplaceSteps.awaitOutboxDrained(stack);
        String secretKey = new KeysApi(keys(TestTokens.technicalAdmin(DEVELOPER))).getKeys(id).getSecretKey();

        MarketplaceApi buyer = new MarketplaceApi(integrations(TestTokens.user(BUYER, false, Roles.ADMIN)));
        assertThat(buyer.installIntegration(id, new InstallationRequest().language("en")), notNullValue());
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(codePath).size() == 1);
        Map<String, String> delivery = parameters(backend.received(codePath).get(0).rawQuery());

        Oauth2Api oauth = new Oauth2Api(keys(null));
        TokenAnswer tokens = oauth.exchangeToken("authorization_code", delivery.get("code"), URI.create(backend.url(codePath)),
                null, null, id, secretKey, null);
        TokenAnswer refreshed = oauth.exchangeToken("refresh_token", null, null, null, tokens.getRefreshToken(), id,
                secretKey, null);
        assertThat(oauth.introspectToken(refreshed.getAccessToken(), null, id, secretKey).getActive(), equalTo(true));

        buyer.disableIntegration(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(revokePath).size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                !oauth.introspectToken(refreshed.getAccessToken(), null, id, secretKey).getActive());

        StatsApi stats = new StatsApi(stats(TestTokens.technicalAdmin(DEVELOPER)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Metrics metrics = stats.getStats(id, null, null, "en", null, null).getMetrics();
            return metrics.getInstalls() == 1L && metrics.getUninstalls() == 1L;
        });
        assertThat(new DeliveriesApi(webhooks(TestTokens.technicalAdmin(DEVELOPER)))
                .listDeliveries(id, null, null, null, null, null).getEmbedded().get("deliveries").size(), equalTo(2));
    }

    private File file(String name, byte[] content) throws IOException {
        return Files.write(files.resolve(name), content).toFile();
    }

    // One generated client per service document, each in its own package: the same lines for each.
    private static io.marketplace.client.integrations.ApiClient integrations(String token) {
        io.marketplace.client.integrations.ApiClient client = new io.marketplace.client.integrations.ApiClient()
                .setBasePath(stack.url(Service.INTEGRATIONS));
        return token == null ? client : client.setBearerToken(token);
    }

    private static io.marketplace.client.keys.ApiClient keys(String token) {
        io.marketplace.client.keys.ApiClient client = new io.marketplace.client.keys.ApiClient()
                .setBasePath(stack.url(Service.KEYS));
        return token == null ? client : client.setBearerToken(token);
    }

    private static io.marketplace.client.stats.ApiClient stats(String token) {
        io.marketplace.client.stats.ApiClient client = new io.marketplace.client.stats.ApiClient()
                .setBasePath(stack.url(Service.STATS));
        return token == null ? client : client.setBearerToken(token);
    }

    private static io.marketplace.client.webhooks.ApiClient webhooks(String token) {
        io.marketplace.client.webhooks.ApiClient client = new io.marketplace.client.webhooks.ApiClient()
                .setBasePath(stack.url(Service.WEBHOOK));
        return token == null ? client : client.setBearerToken(token);
    }
}
