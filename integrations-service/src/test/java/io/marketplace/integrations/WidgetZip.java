package io.marketplace.integrations;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Builds widget.zip archives for the tests: valid by default, then broken one rule at a time. */
final class WidgetZip {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private WidgetZip() {
    }

    /** A valid archive for an integration in these languages, declaring the {@code settings} location. */
    static WidgetZip valid(List<String> languages) {
        WidgetZip zip = new WidgetZip();
        zip.manifest(manifest(languages, "\"settings\""));
        for (String language : languages) {
            zip.put("i18n/" + language + ".json", "{\"widget\": {\"name\": \"CRM Sync\"}}");
        }
        zip.put("images/logo_main.png", png(400, 272));
        zip.put("images/logo.png", png(130, 100));
        zip.put("images/logo_small.png", png(108, 108));
        zip.put("script.js", "define(['jquery'], function ($) { return function () {}; });");
        zip.put("style.css", "body { color: #333; }");
        return zip;
    }

    /** An archive of exactly these entries (none of the valid defaults). */
    static WidgetZip of(Map<String, byte[]> entries) {
        WidgetZip zip = new WidgetZip();
        zip.entries.putAll(entries);
        return zip;
    }

    static String manifest(List<String> languages, String locations) {
        return """
                {"widget": {"name": "widget.name", "description": "widget.description",
                  "short_description": "widget.short_description", "version": "1.0.0", "interface_version": 2,
                  "init_once": false, "locale": [%s],
                  "support": {"link": "https://dev.example.com/support", "email": "support@dev.example.com"}},
                 "locations": [%s]}"""
                .formatted(String.join(", ", languages.stream().map(l -> "\"" + l + "\"").toList()), locations);
    }

    WidgetZip manifest(String json) {
        return put("manifest.json", json);
    }

    WidgetZip put(String path, String text) {
        return put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    WidgetZip put(String path, byte[] bytes) {
        entries.put(path, bytes);
        return this;
    }

    WidgetZip remove(String path) {
        entries.remove(path);
        return this;
    }

    byte[] bytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(Deflater.BEST_COMPRESSION);
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain image, small enough for the archive's 300 KiB limit. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(30, 90, 200));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.drawString("W", width / 2, height / 2);
        graphics.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same archive with one entry renamed in place (ZipOutputStream refuses duplicate names, so this makes one). */
    static byte[] renamed(byte[] zip, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("names must have the same length");
        }
        byte[] copy = zip.clone();
        byte[] needle = from.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= copy.length - needle.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = copy[i + j] == needle[j];
            }
            if (match) {
                System.arraycopy(replacement, 0, copy, i, replacement.length);
            }
        }
        return copy;
    }
}
