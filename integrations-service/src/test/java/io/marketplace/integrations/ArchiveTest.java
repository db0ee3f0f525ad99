package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fixtures.WidgetZip;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class ArchiveTest {

    private static final List<String> LANGUAGES = List.of("en", "es");

    private static String integration(long account) {
        Map<String, Object> body = Fixtures.validIntegration();
        body.put("languages", LANGUAGES);
        return asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification zipUpload(long account, byte[] zip) {
        return given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip").body(zip);
    }

    static Stream<Arguments> everyArchiveRule() {
        return Stream.of(
                rule("not a zip", () -> "just text".getBytes(StandardCharsets.UTF_8), "archive.not_zip", ""),
                rule("an empty zip", () -> WidgetZip.of(Map.of()).bytes(), "archive.empty", ""),
                rule("only a directory", () -> WidgetZip.of(Map.of("images/", new byte[0])).bytes(), "archive.empty", ""),
                rule("a path going up", () -> valid().put("../evil.js", "x").bytes(), "entry.parent_path", "../evil.js"),
                rule("a path going up inside", () -> valid().put("images/../../evil.js", "x").bytes(), "entry.parent_path",
                        "images/../../evil.js"),
                rule("an absolute path", () -> valid().put("/etc/passwd", "root").bytes(), "entry.absolute_path", "/etc/passwd"),
                rule("a Windows path", () -> valid().put("C:/evil.js", "x").bytes(), "entry.absolute_path", "C:/evil.js"),
                rule("two entries with one name", () -> WidgetZip.renamed(valid().put("dup_1.js", "a").put("dup_2.js", "b").bytes(),
                        "dup_2.js", "dup_1.js"), "entry.duplicate", "dup_1.js"),
                rule("a 1000:1 bomb", () -> valid().put("bomb.bin", new byte[10 * 1024 * 1024]).bytes(),
                        "entry.compression_ratio", "bomb.bin"),
                // the valid archive holds 8 entries, so the 1001st is extra/992.txt: reading stops there
                rule("1001 entries", ArchiveTest::tooManyEntries, "archive.too_many_entries", "extra/992.txt"),
                rule("no manifest", () -> valid().remove("manifest.json").bytes(), "manifest.missing", "manifest.json"),
                rule("a manifest with a BOM", () -> valid().put("manifest.json", withBom(WidgetZip.manifest(LANGUAGES, "\"settings\"")))
                        .bytes(), "manifest.bom", "manifest.json"),
                rule("a manifest that is not JSON", () -> valid().manifest("{\"widget\": ").bytes(), "manifest.invalid_json",
                        "manifest.json"),
                rule("a manifest in Latin-1", () -> valid().put("manifest.json",
                        WidgetZip.manifest(LANGUAGES, "\"settings\"").replace("widget.name", "wídget").getBytes(
                                StandardCharsets.ISO_8859_1)).bytes(), "manifest.invalid_json", "manifest.json"),
                rule("no widget.name", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"settings\"")
                        .replace("\"name\": \"widget.name\", ", "")).bytes(), "manifest.field_missing", "manifest.json"),
                rule("a version that is not semantic", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"settings\"")
                        .replace("1.0.0", "1.0")).bytes(), "manifest.version_invalid", "manifest.json"),
                rule("interface version 1", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"settings\"")
                        .replace("\"interface_version\": 2", "\"interface_version\": 1")).bytes(), "manifest.interface_version",
                        "manifest.json"),
                rule("a locale missing a language", () -> valid().manifest(WidgetZip.manifest(List.of("en"), "\"settings\""))
                        .bytes(), "manifest.locale_missing", "manifest.json"),
                rule("a support e-mail that is not one", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"settings\"")
                        .replace("support@dev.example.com", "support")).bytes(), "manifest.support_invalid", "manifest.json"),
                rule("an unknown location", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"settings\", \"sidebar\""))
                        .bytes(), "manifest.location_unknown", "manifest.json"),
                rule("no locations", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "")).bytes(), "manifest.field_missing",
                        "manifest.json"),
                rule("a missing i18n file", () -> valid().remove("i18n/es.json").bytes(), "i18n.missing", "i18n/es.json"),
                rule("an i18n file that is not JSON", () -> valid().put("i18n/en.json", "{oops").bytes(), "i18n.invalid_json",
                        "i18n/en.json"),
                rule("a missing logo", () -> valid().remove("images/logo_small.png").bytes(), "image.missing",
                        "images/logo_small.png"),
                rule("a logo of the wrong size", () -> valid().put("images/logo.png", WidgetZip.png(130, 101)).bytes(),
                        "image.wrong_size", "images/logo.png"),
                rule("a .png that is not a PNG", () -> valid().put("images/logo.png", "GIF89a....").bytes(), "image.not_png",
                        "images/logo.png"),
                rule("an image over 300 KiB", () -> valid().put("images/extra.png", Images.png(1100, 1100)).bytes(),
                        "image.too_large", "images/extra.png"),
                rule("a card location without its logos", () -> valid().manifest(WidgetZip.manifest(LANGUAGES, "\"lcard-1\""))
                        .bytes(), "image.missing", "images/logo_medium.png"),
                rule("digital_pipeline without its logo", () -> valid().manifest(WidgetZip.manifest(LANGUAGES,
                        "\"digital_pipeline\"")).bytes(), "image.missing", "images/logo_dp.png"));
    }

    private static Arguments rule(String name, Supplier<byte[]> archive, String rule, String path) {
        return Arguments.of(name, archive, rule, path);
    }

    @ParameterizedTest(name = "{0} breaks {2}")
    @MethodSource("everyArchiveRule")
    void reportsEveryArchiveRuleAndStoresNothing(String name, Supplier<byte[]> archive, String rule, String path) {
        long account = newAccount();
        String id = integration(account);
        byte[] zip = archive.get();

        given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip").body(zip)
                .when().post("/api/v1/integrations/" + id + "/archive-checks")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.rule", hasItem(rule))
                .body("errors.find { it.rule == '" + rule + "' }.path", equalTo(path));

        zipUpload(account, zip)
                .when().put("/api/v1/integrations/" + id + "/versions/1/archive")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("valid", equalTo(false))
                .body("errors.rule", hasItem(rule));
        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1")
                .then().body("archive_sha256", nullValue());
    }

    @Test
    void storesAValidArchiveAndServesItsFiles() {
        long account = newAccount();
        String id = integration(account);
        String code = asDeveloper(account).when().get("/api/v1/integrations/" + id).then().extract().path("code");

        zipUpload(account, valid().put("__MACOSX/._script.js", "junk").put(".DS_Store", "junk").bytes())
                .when().put("/api/v1/integrations/" + id + "/versions/1/archive")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("errors", hasSize(0))
                .body("warnings.rule", contains("entry.ignored", "entry.ignored"));

        given().queryParam("version", 1).when().get("/upl/" + code + "/1/widget/script.js")
                .then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("define("));
        given().when().get("/upl/" + code + "/1/widget/images/logo_small.png")
                .then().statusCode(200).contentType("image/png");
        given().when().get("/upl/" + code + "/1/widget/__MACOSX/._script.js").then().statusCode(404);
        given().urlEncodingEnabled(false).when().get("/upl/" + code + "/1/widget/../manifest.json").then().statusCode(400);
        given().when().get("/upl/" + code + "/2/widget/script.js").then().statusCode(404);

        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/completeness")
                .then().body("problems.field", org.hamcrest.Matchers.not(hasItem("archive")));
    }

    @Test
    void aLanguageAddedAfterTheUploadMakesTheArchiveIncomplete() {
        long account = newAccount();
        String id = integration(account);
        zipUpload(account, valid().bytes()).when().put("/api/v1/integrations/" + id + "/versions/1/archive")
                .then().statusCode(200);

        asDeveloper(account).when().put("/api/v1/integrations/" + id + "/languages/pt").then().statusCode(200);

        asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1/completeness")
                .then().body("problems.find { it.field == 'archive' }.code", equalTo("language_missing"))
                .body("problems.find { it.field == 'archive' }.message", containsString("pt"));
    }

    @Test
    void rejectsAnArchiveOverTenMebibytes() {
        long account = newAccount();
        String id = integration(account);

        zipUpload(account, new byte[10 * 1024 * 1024 + 1])
                .when().put("/api/v1/integrations/" + id + "/versions/1/archive")
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    private static WidgetZip valid() {
        return WidgetZip.valid(LANGUAGES);
    }

    private static byte[] tooManyEntries() {
        WidgetZip zip = valid();
        for (int i = 0; i < 1001; i++) {
            zip.put("extra/" + i + ".txt", "x");
        }
        return zip.bytes();
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }
}
