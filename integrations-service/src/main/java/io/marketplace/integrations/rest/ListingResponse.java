package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.Listing;
import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A listing in one language with its images; the gallery is newest first, as the marketplace shows it. */
public record ListingResponse(
        @Schema(enumeration = {"en", "es", "pt", "tr", "id"}) String language,
        @Schema(nullable = true) String name,
        @Schema(nullable = true) String shortDescription,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String installedDescription,
        @Schema(nullable = true) String privacyPolicyUrl,
        @Schema(nullable = true) String supportUrl,
        @Schema(nullable = true) String supportEmail,
        @Schema(nullable = true) String installUrl,
        @Schema(nullable = true) MediumResponse icon,
        @Schema(nullable = true) MediumResponse installedLogo,
        List<MediumResponse> gallery) {

    static ListingResponse from(Listing listing, List<ListingMedium> media) {
        return new ListingResponse(listing.language, listing.name, listing.shortDescription, listing.description,
                listing.installedDescription, listing.privacyPolicyUrl, listing.supportUrl, listing.supportEmail,
                listing.installUrl, single(media, MediaKind.ICON), single(media, MediaKind.INSTALLED_LOGO),
                media.stream().filter(m -> m.kind == MediaKind.GALLERY).map(MediumResponse::from).toList());
    }

    private static MediumResponse single(List<ListingMedium> media, MediaKind kind) {
        return media.stream().filter(m -> m.kind == kind).findFirst().map(MediumResponse::from).orElse(null);
    }
}
