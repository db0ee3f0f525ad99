package io.marketplace.integrations.service.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketplace.platform.test.fixtures.WidgetZip;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The widget archive rules on bytes in memory, without HTTP or a database (ArchiveTest checks the answers). */
class WidgetArchiveValidatorTest {

    private static List<String> errorRules(byte[] archive, List<String> languages) {
        return WidgetArchiveValidator.validate(archive, languages).report().errors().stream().map(Finding::rule).toList();
    }

    private static List<String> errorRules(WidgetZip zip, List<String> languages) {
        return errorRules(zip.bytes(), languages);
    }

    @Test
    void aCompleteArchiveIsValid() {
        WidgetArchiveValidator.Result result = WidgetArchiveValidator.validate(WidgetZip.valid(List.of("en", "es")).bytes(),
                List.of("en", "es"));
        assertTrue(result.report().valid(), result.report().errors().toString());
        assertTrue(result.files().containsKey("manifest.json"));
    }

    @Test
    void namesEveryMissingPieceAtOnce() {
        WidgetZip zip = WidgetZip.valid(List.of("en", "es")).remove("images/logo_main.png").remove("i18n/en.json")
                .remove("i18n/es.json");
        assertEquals(List.of("i18n.missing", "i18n.missing", "image.missing"),
                errorRules(zip, List.of("en", "es")).stream().sorted().toList());
    }

    @Test
    void refusesPathsThatLeaveTheArchiveAndBodiesThatAreNoZip() {
        assertTrue(errorRules(WidgetZip.valid(List.of("en")).put("../evil.js", "x"), List.of("en")).contains("entry.parent_path"));
        assertTrue(errorRules(WidgetZip.valid(List.of("en")).put("/etc/passwd", "x"), List.of("en"))
                .contains("entry.absolute_path"));
        assertEquals(List.of("archive.not_zip"), errorRules("not a zip".getBytes(StandardCharsets.UTF_8), List.of("en")));
    }

    @Test
    void checksTheManifest() {
        assertTrue(errorRules(WidgetZip.valid(List.of("en")).manifest("[1, 2]"), List.of("en")).contains("manifest.invalid_json"));
        assertTrue(errorRules(WidgetZip.valid(List.of("en")).manifest(WidgetZip.manifest(List.of("en"), "\"nowhere\"")),
                List.of("en")).contains("manifest.location_unknown"));
        assertTrue(errorRules(WidgetZip.valid(List.of("en")).remove("manifest.json"), List.of("en")).contains("manifest.missing"));
    }
}
