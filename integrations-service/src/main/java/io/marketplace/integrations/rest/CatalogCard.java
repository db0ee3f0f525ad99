package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.service.Marketplace.Shown;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One integration's marketplace card: the listing in full, its icon and its gallery (newest first). */
public record CatalogCard(
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
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String privacyPolicyUrl,
        @Schema(nullable = true) String supportUrl,
        @Schema(nullable = true) String supportEmail,
        @Schema(nullable = true) String iconUrl,
        List<String> galleryUrls,
        @Schema(description = "false for an integration without a widget: no install button here, it installs from "
                + "the developer's site (install_url)") boolean installable,
        @Schema(nullable = true, format = "uri", description = "The developer's page with the install button; set "
                + "when the card is not installable") String installUrl) {

    static CatalogCard of(Shown shown, String requestedLanguage) {
        Entry e = shown.entry();
        return new CatalogCard(e.id(), e.code(), e.version(), e.category(), e.testing(), e.language(),
                !e.language().equals(requestedLanguage), e.name(), e.shortDescription(), e.description(),
                e.privacyPolicyUrl(), e.supportUrl(), e.supportEmail(), CatalogEntry.url(e, shown.images(), MediaKind.ICON),
                shown.images().stream().filter(image -> image.kind() == MediaKind.GALLERY)
                        .map(image -> CatalogEntry.path(e, image)).toList(),
                e.hasWidget(), e.hasWidget() ? null : e.installUrl());
    }
}
