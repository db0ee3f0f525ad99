package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.createIntegration;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.marketplace.platform.test.fixtures.Images;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MediaTest {

    @Test
    void storesAnIconAndServesItAtItsVersionedAddress() {
        long account = newAccount();
        String id = createIntegration(account);
        byte[] icon = Images.png(400, 272);

        String url = imageUpload(account, icon, "image/png")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(200)
                .body("kind", equalTo("icon"))
                .body("content_type", equalTo("image/png"))
                .body("width", equalTo(400))
                .body("height", equalTo(272))
                .body("size_bytes", equalTo(icon.length))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("url", matchesPattern("/upl/[A-Za-z0-9_]+/1/widget/images/en/logo_main\\.png"))
                .extract().path("url");

        byte[] served = given().queryParam("version", 1)
                .when().get(url)
                .then().statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", containsString("no-cache"))
                .extract().asByteArray();
        assertThat(Arrays.equals(served, icon), equalTo(true));

        String etag = given().when().get(url).then().extract().header("ETag");
        given().header("If-None-Match", etag)
                .when().get(url)
                .then().statusCode(304);

        asDeveloper(account).when().get(listingPath(id, "en"))
                .then().body("icon.url", equalTo(url));
    }

    @Test
    void acceptsAJpegAndTrustsTheBytesNotTheContentType() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.jpeg(400, 272), "image/png")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(200)
                .body("content_type", equalTo("image/jpeg"))
                .body("url", containsString("logo_main.jpg"));
    }

    @Test
    void rejectsAnImageOfTheWrongSizeNamingBothSizes() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.png(400, 273), "image/png")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("wrong_size"))
                .body("errors[0].message", allOf(containsString("400×272"), containsString("400×273")));
    }

    @Test
    void rejectsAPngWhosePixelDataIsTruncated() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.truncated(Images.png(400, 272)), "image/png")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("corrupt"));
    }

    @Test
    void rejectsATruncatedJpeg() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.truncated(Images.jpeg(400, 272)), "image/jpeg")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("corrupt"));
    }

    @Test
    void rejectsGifWebpSvgAndAnEmptyBody() {
        long account = newAccount();
        String id = createIntegration(account);
        String icon = listingPath(id, "en") + "/icon";

        imageUpload(account, Images.gif(400, 272), "image/png").when().put(icon)
                .then().statusCode(400).body("errors[0].code", equalTo("unsupported_format"))
                .body("errors[0].message", containsString("GIF"));
        imageUpload(account, Images.webp(), "image/png").when().put(icon)
                .then().statusCode(400).body("errors[0].message", containsString("WebP"));
        imageUpload(account, Images.svg(), "image/png").when().put(icon)
                .then().statusCode(400).body("errors[0].message", containsString("SVG"));
        imageUpload(account, new byte[0], "image/png").when().put(icon)
                .then().statusCode(400).body("errors[0].code", equalTo("empty"));
    }

    @Test
    void rejectsABodyOverTwoMebibytes() {
        long account = newAccount();
        String id = createIntegration(account);
        byte[] huge = Arrays.copyOf(Images.png(400, 272), 2 * 1024 * 1024 + 1);

        imageUpload(account, huge, "image/png")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void refusesImageTypesTheEndpointDoesNotTake() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.gif(400, 272), "image/gif")
                .when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void storesTheInstalledLogo() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.png(108, 108), "image/png")
                .when().put(listingPath(id, "en") + "/installed-logo")
                .then().statusCode(200)
                .body("kind", equalTo("installed_logo"))
                .body("url", containsString("/logo_installed.png"));
        imageUpload(account, Images.png(400, 272), "image/png")
                .when().put(listingPath(id, "en") + "/installed-logo")
                .then().statusCode(400)
                .body("errors[0].message", containsString("108×108"));
    }

    @Test
    void showsTheGalleryNewestFirstAndReplacesInPlace() {
        long account = newAccount();
        String id = createIntegration(account);
        String gallery = listingPath(id, "en") + "/gallery";
        String first = imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(gallery)
                .then().statusCode(201).header("Location", containsString("/gallery/")).extract().path("id");
        String second = imageUpload(account, Images.png(1188, 616), "image/png").when().post(gallery)
                .then().statusCode(201).extract().path("id");
        String third = imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(gallery)
                .then().statusCode(201).extract().path("id");

        asDeveloper(account).when().get(listingPath(id, "en"))
                .then().body("gallery.id", contains(third, second, first));

        imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().put(gallery + "/" + second)
                .then().statusCode(200).body("content_type", equalTo("image/jpeg"));
        asDeveloper(account).when().delete(gallery + "/" + first).then().statusCode(204);

        asDeveloper(account).when().get(listingPath(id, "en"))
                .then().body("gallery.id", contains(third, second))
                .body("gallery[1].content_type", equalTo("image/jpeg"));
        String url = asDeveloper(account).when().get(listingPath(id, "en")).then().extract().path("gallery[0].url");
        given().when().get(url).then().statusCode(200).contentType("image/jpeg");
        asDeveloper(account).when().delete(gallery + "/" + first).then().statusCode(404);
    }

    @Test
    void rejectsAGalleryImageOfTheWrongSize() {
        long account = newAccount();
        String id = createIntegration(account);

        imageUpload(account, Images.png(1188, 615), "image/png")
                .when().post(listingPath(id, "en") + "/gallery")
                .then().statusCode(400)
                .body("errors[0].message", containsString("1188×616"));
    }

    @Test
    void limitsTheGalleryToTenImages() {
        long account = newAccount();
        String id = createIntegration(account);
        byte[] image = Images.jpeg(1188, 616);
        for (int i = 0; i < 10; i++) {
            imageUpload(account, image, "image/jpeg").when().post(listingPath(id, "en") + "/gallery").then().statusCode(201);
        }

        imageUpload(account, image, "image/jpeg")
                .when().post(listingPath(id, "en") + "/gallery")
                .then().statusCode(409);
        asDeveloper(account).when().get(listingPath(id, "en")).then().body("gallery", hasSize(10));
    }

    @Test
    void storesTheSameImageOnceForEveryListingThatShowsIt() {
        long account = newAccount();
        String id = createIntegration(account);
        byte[] icon = Images.png(400, 272);

        String english = imageUpload(account, icon, "image/png").when().put(listingPath(id, "en") + "/icon")
                .then().statusCode(200).extract().path("sha256");
        String spanish = imageUpload(account, icon, "image/png").when().put(listingPath(id, "es") + "/icon")
                .then().statusCode(200).extract().path("sha256");

        assertThat(spanish, equalTo(english));
    }

    @Test
    void answersUnknownAssetsAsNotFound() {
        given().when().get("/upl/nobody/1/widget/images/en/logo_main.png").then().statusCode(404);
        given().when().get("/upl/nobody/1/widget/images/en/gallery/not-a-uuid.png").then().statusCode(404);
        given().when().get("/upl/nobody/1/widget/images/en/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);
    }
}
