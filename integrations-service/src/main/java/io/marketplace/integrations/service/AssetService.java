package io.marketplace.integrations.service;

import io.marketplace.integrations.persistence.ArchiveRepository;
import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.persistence.MediaRepository;
import io.marketplace.integrations.persistence.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The public files of a version, by address: its listing images, then the files of its widget archive. */
@ApplicationScoped
public class AssetService {

    private static final Pattern LISTING_IMAGE = Pattern.compile("images/([a-z]{2})/(logo_main|logo_installed)\\.(png|jpg)");
    private static final Pattern GALLERY_IMAGE = Pattern.compile("images/([a-z]{2})/gallery/([0-9a-f-]{36})\\.(png|jpg)");

    @Inject
    MediaRepository media;

    @Inject
    ArchiveRepository archives;

    /** A file and the status of its version (a draft's files may still change). */
    public record Asset(String contentType, String sha256, byte[] bytes, VersionStatus status) {
    }

    @Transactional
    public Optional<Asset> find(String code, int version, String path) {
        return listingImage(code, version, path)
                .or(() -> archives.file(code, version, path)
                        .map(file -> new Asset(file.contentType(), file.sha256(), file.bytes(), file.versionStatus())));
    }

    private Optional<Asset> listingImage(String code, int version, String path) {
        Matcher single = LISTING_IMAGE.matcher(path);
        Matcher gallery = GALLERY_IMAGE.matcher(path);
        Optional<ListingMedium> medium = Optional.empty();
        if (single.matches()) {
            MediaKind kind = single.group(2).equals(MediaKind.ICON.assetName) ? MediaKind.ICON : MediaKind.INSTALLED_LOGO;
            medium = media.published(code, version, single.group(1), kind, null);
        } else if (gallery.matches()) {
            medium = media.published(code, version, gallery.group(1), MediaKind.GALLERY, UUID.fromString(gallery.group(2)));
        }
        return medium.map(m -> new Asset(m.blob.contentType, m.blob.sha256, m.blob.bytes, m.version.status));
    }
}
