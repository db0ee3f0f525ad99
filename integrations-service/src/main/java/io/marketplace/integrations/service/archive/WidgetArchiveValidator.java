package io.marketplace.integrations.service.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.service.ListingRules;
import io.marketplace.integrations.service.media.ImageInspector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Validates a widget.zip as it is read, entry by entry. The safety limits (paths, duplicates, entry count, total
 * size, compression ratio) are checked while inflating, and the first one passed stops the reading: a zip bomb costs
 * neither memory nor time. The content rules (manifest, i18n files, images) are then all checked and all reported.
 */
public final class WidgetArchiveValidator {

    public static final int MAX_ENTRIES = 1000;
    public static final long MAX_UNCOMPRESSED_BYTES = 50L * 1024 * 1024;
    public static final int MAX_COMPRESSION_RATIO = 100;
    public static final int MAX_IMAGE_BYTES = 300 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern LOCATION = Pattern.compile("([a-z_]+)(-[01])?");
    private static final Set<String> LOCATIONS = Set.of("lcard", "ccard", "comcard", "llist", "clist", "tlist", "settings",
            "advanced_settings", "card_sdk", "catalogs", "digital_pipeline", "lead_sources", "widget_page", "sms",
            "mobile_card", "salesbot_designer", "website_chat_button", "everywhere");
    /** Locations shown in an entity card, which need the card logos. */
    private static final Set<String> CARD_LOCATIONS = Set.of("lcard", "ccard", "comcard", "card_sdk");
    private static final int INTERFACE_VERSION = 2;

    /** The images of SPEC.md with their exact sizes; the conditional ones depend on the declared locations. */
    private record RequiredImage(String path, int width, int height) {
    }

    private static final List<RequiredImage> ALWAYS = List.of(
            new RequiredImage("images/logo_main.png", 400, 272),
            new RequiredImage("images/logo.png", 130, 100),
            new RequiredImage("images/logo_small.png", 108, 108));
    private static final List<RequiredImage> FOR_CARDS = List.of(
            new RequiredImage("images/logo_medium.png", 240, 84),
            new RequiredImage("images/logo_min.png", 84, 84));
    private static final RequiredImage FOR_DIGITAL_PIPELINE = new RequiredImage("images/logo_dp.png", 174, 109);

    /** The report, and when the archive is valid, its files by path (directories and ignored entries left out). */
    public record Result(ArchiveReport report, Map<String, byte[]> files) {
    }

    private WidgetArchiveValidator() {
    }

    public static Result validate(byte[] body, List<String> languages) {
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        Map<String, byte[]> files = read(body, errors, warnings);
        if (errors.isEmpty()) {
            checkContent(files, languages, errors);
        }
        ArchiveReport report = new ArchiveReport(errors.isEmpty(), List.copyOf(errors), List.copyOf(warnings));
        return new Result(report, errors.isEmpty() ? files : Map.of());
    }

    /** Reads the entries under the safety limits; on the first limit passed, records it and stops. */
    private static Map<String, byte[]> read(byte[] body, List<Finding> errors, List<Finding> warnings) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (body.length < 4 || body[0] != 'P' || body[1] != 'K') {
            errors.add(new Finding("archive.not_zip", "", "The body is not a ZIP archive"));
            return files;
        }
        CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(body));
        Set<String> names = new HashSet<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (++entries > MAX_ENTRIES) {
                    return stop(errors, "archive.too_many_entries", name, "The archive has more than " + MAX_ENTRIES + " entries");
                }
                Finding unsafe = unsafePath(name, names);
                if (unsafe != null) {
                    errors.add(unsafe);
                    return files;
                }
                boolean ignored = name.startsWith("__MACOSX/") || name.equals(".DS_Store") || name.endsWith("/.DS_Store");
                if (ignored && !entry.isDirectory()) {
                    warnings.add(new Finding("entry.ignored", name, "macOS metadata is ignored"));
                }
                long compressedAtStart = raw.count();
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                long entryBytes = 0;
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    entryBytes += n;
                    total += n;
                    if (total > MAX_UNCOMPRESSED_BYTES) {
                        return stop(errors, "archive.too_large_uncompressed", name,
                                "The archive unpacks to more than " + MAX_UNCOMPRESSED_BYTES / (1024 * 1024) + " MiB");
                    }
                    long compressed = Math.max(1, raw.count() - compressedAtStart);
                    if (entryBytes > MAX_COMPRESSION_RATIO * compressed) {
                        return stop(errors, "entry.compression_ratio", name,
                                "The entry is compressed more than " + MAX_COMPRESSION_RATIO + ":1 (a zip bomb?)");
                    }
                    if (!ignored && !entry.isDirectory()) {
                        content.write(buffer, 0, n);
                    }
                }
                if (!ignored && !entry.isDirectory()) {
                    files.put(name, content.toByteArray());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return stop(errors, "archive.corrupt", "", "The archive cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            errors.add(new Finding("archive.empty", "", "The archive contains no files"));
        }
        return files;
    }

    private static Finding unsafePath(String name, Set<String> seen) {
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return new Finding("entry.absolute_path", name, "Absolute paths are not allowed in the archive");
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return new Finding("entry.parent_path", name, "Paths with '..' are not allowed in the archive");
            }
        }
        if (!seen.add(name)) {
            return new Finding("entry.duplicate", name, "The archive holds two entries with this name");
        }
        return null;
    }

    private static Map<String, byte[]> stop(List<Finding> errors, String rule, String path, String message) {
        errors.add(new Finding(rule, path, message));
        return Map.of();
    }

    private static void checkContent(Map<String, byte[]> files, List<String> languages, List<Finding> errors) {
        Set<String> locations = checkManifest(files.get("manifest.json"), languages, errors);
        for (String language : languages) {
            String path = "i18n/" + language + ".json";
            byte[] i18n = files.get(path);
            if (i18n == null) {
                errors.add(new Finding("i18n.missing", path, "Every language of the integration needs its i18n file"));
            } else if (parseJson(i18n) == null) {
                errors.add(new Finding("i18n.invalid_json", path, "The file is not valid UTF-8 JSON"));
            }
        }
        List<RequiredImage> required = new ArrayList<>(ALWAYS);
        if (locations.stream().anyMatch(CARD_LOCATIONS::contains)) {
            required.addAll(FOR_CARDS);
        }
        if (locations.contains("digital_pipeline")) {
            required.add(FOR_DIGITAL_PIPELINE);
        }
        for (RequiredImage image : required) {
            if (!files.containsKey(image.path())) {
                errors.add(new Finding("image.missing", image.path(), "Required image, " + image.width() + "×" + image.height()));
            }
        }
        Map<String, RequiredImage> sizes = new LinkedHashMap<>();
        ALWAYS.forEach(image -> sizes.put(image.path(), image));
        FOR_CARDS.forEach(image -> sizes.put(image.path(), image));
        sizes.put(FOR_DIGITAL_PIPELINE.path(), FOR_DIGITAL_PIPELINE);
        files.forEach((path, bytes) -> {
            if (path.startsWith("images/") && path.endsWith(".png")) {
                checkImage(path, bytes, sizes.get(path), errors);
            }
        });
    }

    private static void checkImage(String path, byte[] bytes, RequiredImage expected, List<Finding> errors) {
        if (bytes.length > MAX_IMAGE_BYTES) {
            errors.add(new Finding("image.too_large", path, "Images may be at most 300 KiB; this one is " + bytes.length + " bytes"));
        }
        if (!ImageInspector.isPng(bytes)) {
            errors.add(new Finding("image.not_png", path, "The file is named .png but is not a PNG image"));
            return;
        }
        if (expected == null) {
            return;
        }
        try {
            ImageInspector.decode(bytes, expected.width(), expected.height(), path);
        } catch (ImageInspector.Rejected rejected) {
            errors.add(new Finding(rejected.code.equals("wrong_size") ? "image.wrong_size" : "image.corrupt", path,
                    rejected.getMessage()));
        }
    }

    /** Checks manifest.json and answers the locations it declares (base names, without -0/-1). */
    private static Set<String> checkManifest(byte[] bytes, List<String> languages, List<Finding> errors) {
        String path = "manifest.json";
        Set<String> locations = new HashSet<>();
        if (bytes == null) {
            errors.add(new Finding("manifest.missing", path, "The archive needs a manifest.json at its root"));
            return locations;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            errors.add(new Finding("manifest.bom", path, "manifest.json must be UTF-8 without a byte-order mark"));
            return locations;
        }
        JsonNode manifest = parseJson(bytes);
        if (manifest == null || !manifest.isObject()) {
            errors.add(new Finding("manifest.invalid_json", path, "manifest.json is not a valid UTF-8 JSON object"));
            return locations;
        }
        JsonNode widget = manifest.path("widget");
        for (String field : List.of("name", "description", "short_description")) {
            if (!widget.path(field).isTextual() || widget.path(field).asText().isBlank()) {
                errors.add(new Finding("manifest.field_missing", path, "widget." + field + " is required"));
            }
        }
        JsonNode version = widget.path("version");
        if (version.isMissingNode() || version.isNull()) {
            errors.add(new Finding("manifest.field_missing", path, "widget.version is required"));
        } else if (!version.isTextual() || !SEMVER.matcher(version.asText()).matches()) {
            errors.add(new Finding("manifest.version_invalid", path,
                    "widget.version must be a semantic version such as 1.0.0, not " + version));
        }
        JsonNode interfaceVersion = widget.path("interface_version");
        if (!interfaceVersion.canConvertToInt() || interfaceVersion.asInt() != INTERFACE_VERSION) {
            errors.add(new Finding("manifest.interface_version", path, "widget.interface_version must be " + INTERFACE_VERSION));
        }
        checkLocales(widget.path("locale"), languages, errors);
        checkSupport(widget.path("support"), errors);
        JsonNode declared = manifest.path("locations");
        if (!declared.isArray() || declared.isEmpty()) {
            errors.add(new Finding("manifest.field_missing", path, "locations must list at least one location"));
        } else {
            for (JsonNode location : declared) {
                var match = LOCATION.matcher(location.asText());
                if (!location.isTextual() || !match.matches() || !LOCATIONS.contains(match.group(1))) {
                    errors.add(new Finding("manifest.location_unknown", path, "Unknown location " + location));
                } else {
                    locations.add(match.group(1));
                }
            }
        }
        return locations;
    }

    private static void checkLocales(JsonNode locale, List<String> languages, List<Finding> errors) {
        if (!locale.isArray()) {
            errors.add(new Finding("manifest.field_missing", "manifest.json", "widget.locale must list the widget's languages"));
            return;
        }
        Set<String> covered = new HashSet<>();
        locale.forEach(item -> covered.add(item.asText()));
        for (String language : languages) {
            if (!covered.contains(language)) {
                errors.add(new Finding("manifest.locale_missing", "manifest.json",
                        "widget.locale lacks '" + language + "', a language of the integration"));
            }
        }
    }

    private static void checkSupport(JsonNode support, List<Finding> errors) {
        String link = support.path("link").asText("");
        String email = support.path("email").asText("");
        if (link.isBlank() || email.isBlank()) {
            errors.add(new Finding("manifest.field_missing", "manifest.json", "widget.support needs a link and an email"));
            return;
        }
        if (!link.matches("(?i)https?://[^\\s/]+.*")) {
            errors.add(new Finding("manifest.support_invalid", "manifest.json", "widget.support.link must be an absolute http(s) URL"));
        }
        if (!ListingRules.isEmail(email)) {
            errors.add(new Finding("manifest.support_invalid", "manifest.json", "widget.support.email must be an e-mail address"));
        }
    }

    /** Strict UTF-8 JSON, or null. */
    private static JsonNode parseJson(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return JSON.readTree(text);
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Counts the compressed bytes the zip reader has consumed, to measure each entry's compression ratio. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
