package io.marketplace.integrations.persistence;

/** The images of a listing, each with the exact size the marketplace shows it at. */
public enum MediaKind {
    ICON("icon", 400, 272, "logo_main"),
    GALLERY("gallery", 1188, 616, "gallery"),
    INSTALLED_LOGO("installed_logo", 108, 108, "logo_installed");

    public final String code;
    public final int width;
    public final int height;
    /** File name (without extension) under {@code /upl/{code}/{version}/widget/images/{lang}/}. */
    public final String assetName;

    MediaKind(String code, int width, int height, String assetName) {
        this.code = code;
        this.width = width;
        this.height = height;
        this.assetName = assetName;
    }

    public static MediaKind fromCode(String code) {
        for (MediaKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown media kind " + code);
    }
}
