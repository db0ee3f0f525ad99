package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;

import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** A complete listing and image uploads for the Stage-2 tests. */
final class ListingFixtures {

    private ListingFixtures() {
    }

    static Map<String, Object> completeListing() {
        Map<String, Object> listing = new HashMap<>();
        listing.put("name", "CRM Sync");
        listing.put("short_description", "Keeps your leads in sync");
        listing.put("description", "Synchronises leads and contacts with your ERP every minute.");
        listing.put("installed_description", "Welcome #ACCOUNT_SUBDOMAIN#! Your client id is #CLIENT_ID#.");
        listing.put("privacy_policy_url", "https://dev.example.com/privacy");
        listing.put("support_url", "https://dev.example.com/support");
        listing.put("support_email", "support@dev.example.com");
        return listing;
    }

    static RequestSpecification imageUpload(long account, byte[] body, String contentType) {
        return RestAssured.given().auth().oauth2(TestTokens.technicalDeveloper(account))
                .contentType(contentType).body(body);
    }

    static String listingPath(String id, String language) {
        return "/api/v1/integrations/" + id + "/versions/1/listings/" + language;
    }

    static void putCompleteListing(long account, String id, String language) {
        asDeveloper(account).body(completeListing()).when().put(listingPath(id, language)).then().statusCode(200);
        imageUpload(account, Images.png(400, 272), "image/png").when().put(listingPath(id, language) + "/icon")
                .then().statusCode(200);
        imageUpload(account, Images.png(108, 108), "image/png").when().put(listingPath(id, language) + "/installed-logo")
                .then().statusCode(200);
        imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(listingPath(id, language) + "/gallery")
                .then().statusCode(201);
    }
}
