package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.ListingFixtures.completeListing;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.platform.test.fixtures.Images;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CompletenessTest {

    @Inject
    EntityManager entityManager;

    private static String integration(long account, String redirectUri, List<String> languages) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("redirect_uri", redirectUri);
        body.put("languages", languages);
        return asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aNewVersionListsEverythingStillMissing() {
        long account = newAccount();
        String id = integration(account, "http://localhost:3000/cb", List.of("en"));

        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/completeness")
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("complete", equalTo(false))
                .body("problems.field", contains(
                        "redirect_uri",
                        "settings.duplicate_control", "settings.multiple_sources", "settings.owner_company",
                        "listings.en.name", "listings.en.short_description", "listings.en.description",
                        "listings.en.installed_description", "listings.en.privacy_policy_url", "listings.en.support_url",
                        "listings.en.support_email", "listings.en.icon", "listings.en.gallery", "listings.en.installed_logo",
                        "archive"))
                .body("problems.find { it.field == 'redirect_uri' }.code", equalTo("https_required"));
    }

    @Test
    void aFullyDescribedVersionOnlyLacksItsArchive() {
        long account = newAccount();
        String id = integration(account, "https://dev.example.com/cb", List.of("en", "es"));
        asDeveloper(account).body(Map.of("duplicate_control", false, "multiple_sources", true, "owner_company", "Acme"))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings").then().statusCode(200);
        ListingFixtures.putCompleteListing(account, id, "en");
        ListingFixtures.putCompleteListing(account, id, "es");

        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/completeness")
                .then().statusCode(200)
                .body("problems.field", contains("archive"));
    }

    @Test
    void namesEachLanguagesGapsSeparately() {
        long account = newAccount();
        String id = integration(account, "https://dev.example.com/cb", List.of("en", "tr"));
        ListingFixtures.putCompleteListing(account, id, "en");
        asDeveloper(account).body(Map.of("name", "Sadece isim"))
                .when().put(listingPath(id, "tr")).then().statusCode(200);

        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/completeness")
                .then().body("problems.field", hasItems("listings.tr.short_description", "listings.tr.icon"))
                .body("problems.findAll { it.field.startsWith('listings.en') }", org.hamcrest.Matchers.empty())
                .body("problems.findAll { it.field == 'listings.tr.name' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void onlyADraftCanChange() {
        long account = newAccount();
        String id = integration(account, "https://dev.example.com/cb", List.of("en"));
        ListingFixtures.putCompleteListing(account, id, "en");
        String imageId = asDeveloper(account).when().get(listingPath(id, "en")).then().extract().path("gallery[0].id");
        // the moderation flow comes with a later issue; until then the version is put in review directly
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createQuery("update IntegrationVersion v set v.status = ?1 where v.integration.id = ?2")
                .setParameter(1, VersionStatus.IN_REVIEW).setParameter(2, UUID.fromString(id)).executeUpdate());

        asDeveloper(account).body(completeListing()).when().put(listingPath(id, "en")).then().statusCode(409);
        asDeveloper(account).body(Map.of("owner_company", "Acme"))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings").then().statusCode(409);
        imageUpload(account, Images.png(400, 272), "image/png").when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(409).contentType("application/problem+json");
        imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(listingPath(id, "en") + "/gallery")
                .then().statusCode(409);
        asDeveloper(account).when().delete(listingPath(id, "en") + "/gallery/" + imageId).then().statusCode(409);
        // reads still work, and a submitted version's images are cached as immutable
        String icon = asDeveloper(account).when().get(listingPath(id, "en")).then().statusCode(200).extract().path("icon.url");
        io.restassured.RestAssured.given().when().get(icon).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("immutable"));
    }
}
