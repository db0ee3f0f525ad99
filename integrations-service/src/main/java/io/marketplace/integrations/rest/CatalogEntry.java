package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.CatalogRepository.Image;
import io.marketplace.integrations.persistence.CatalogRepository.Row;
import io.marketplace.integrations.persistence.MediaKind;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An integration as the marketplace shows it. {@code language} is the listing's; {@code language_fallback} says it
 * is not the one asked for (the version has no listing in that language). {@code testing} marks the caller's own
 * unpublished integration, shown so that its technical account can install it in itself.
 */
public record CatalogEntry(
        UUID id,
        String code,
        int version,
        @Schema(nullable = true, enumeration = {"analytics", "automation", "chats", "documents", "email", "finance",
                "lead_generation", "messengers", "sales", "telephony", "other"})
        String category,
        boolean testing,
        @Schema(enumeration = {"en", "es", "pt", "tr", "id"}) String language,
        boolean languageFallback,
        String name,
        @Schema(nullable = true) String shortDescription,
        @Schema(nullable = true) String iconUrl,
        @Schema(description = "false for an integration without a widget: it installs from the developer's site "
                + "(its card gives the address)") boolean installable) {

    static CatalogEntry of(Row row, String requestedLanguage) {
        return new CatalogEntry(row.id(), row.code(), row.version(), row.category(), row.testing(), row.language(),
                !row.language().equals(requestedLanguage), row.name(), row.shortDescription(), row.iconId() == null ? null
                        : MediumResponse.assetPath(row.code(), row.version(), row.language(), MediaKind.ICON, row.iconId(),
                                row.iconContentType()), row.hasWidget());
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
