package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.CatalogRepository.Image;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.service.Marketplace.Shown;
import java.util.List;
import java.util.UUID;

/**
 * An integration as the marketplace shows it. {@code language} is the listing's; {@code language_fallback} says it
 * is not the one asked for (the version has no listing in that language). {@code testing} marks the caller's own
 * unpublished integration, shown so that its technical account can install it in itself.
 */
public record CatalogEntry(UUID id, String code, int version, String category, boolean testing, String language,
        boolean languageFallback, String name, String shortDescription, String iconUrl) {

    static CatalogEntry of(Shown shown, String requestedLanguage) {
        Entry e = shown.entry();
        return new CatalogEntry(e.id(), e.code(), e.version(), e.category(), e.testing(), e.language(),
                !e.language().equals(requestedLanguage), e.name(), e.shortDescription(), url(e, shown.images(), MediaKind.ICON));
    }

    static String url(Entry entry, List<Image> images, MediaKind kind) {
        return images.stream().filter(image -> image.kind() == kind).findFirst().map(image -> path(entry, image))
                .orElse(null);
    }

    static String path(Entry entry, Image image) {
        return MediumResponse.assetPath(entry.code(), entry.version(), entry.language(), image.kind(), image.id(),
                image.contentType());
    }
}
