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
        String extension = medium.blob.contentType.equals("image/jpeg") ? "jpg" : "png";
        String file = medium.kind == MediaKind.GALLERY
                ? "gallery/" + medium.id + "." + extension
                : medium.kind.assetName + "." + extension;
        return "/upl/" + medium.version.integration.code + "/" + medium.version.number + "/widget/images/"
                + medium.language + "/" + file;
    }
}
