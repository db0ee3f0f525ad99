package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import java.util.UUID;

/** One listing image and the versioned, anonymous URL it is served at. */
public record MediumResponse(UUID id, String kind, String contentType, int width, int height, int sizeBytes, String sha256,
        String url) {

    static MediumResponse from(ListingMedium medium) {
        return new MediumResponse(medium.id, medium.kind.code, medium.blob.contentType, medium.blob.width, medium.blob.height,
                medium.blob.sizeBytes, medium.blob.sha256, assetPath(medium));
    }

    /** {@code /upl/{code}/{version}/widget/images/{lang}/logo_main.png}, as in Kommo's guide; gallery images by id. */
    static String assetPath(ListingMedium medium) {
        return assetPath(medium.version.integration.code, medium.version.number, medium.language, medium.kind, medium.id,
                medium.blob.contentType);
    }

    static String assetPath(String code, int version, String language, MediaKind kind, UUID id, String contentType) {
        String extension = contentType.equals("image/jpeg") ? "jpg" : "png";
        String file = kind == MediaKind.GALLERY ? "gallery/" + id + "." + extension : kind.assetName + "." + extension;
        return "/upl/" + code + "/" + version + "/widget/images/" + language + "/" + file;
    }
}
