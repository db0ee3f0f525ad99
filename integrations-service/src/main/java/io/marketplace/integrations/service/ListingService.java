package io.marketplace.integrations.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.persistence.IdempotentRequestRepository;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.Listing;
import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.ListingRepository;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.persistence.MediaRepository;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.service.archive.ArchiveReport;
import io.marketplace.integrations.service.archive.ArchiveService;
import io.marketplace.integrations.service.media.ImageInspector.InspectedImage;
import io.marketplace.integrations.service.media.ImageInspector;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stage 2: a version's settings, its listing per language and the listing's images. Only drafts change. */
@ApplicationScoped
public class ListingService {

    public static final int MAX_GALLERY_IMAGES = 10;

    @Inject
    IntegrationService integrations;

    @Inject
    ListingRepository listings;

    @Inject
    MediaRepository media;

    @Inject
    ArchiveService archives;

    @Inject
    IdempotentRequestRepository idempotentRequests;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    /** A version of one of the caller's integrations, with a listing language checked against the integration's. */
    public record ListingRef(Integration integration, IntegrationVersion version, String language) {
    }

    /** The version whose settings (duplicate control, multiple sources, owner company) are asked for. */
    public IntegrationVersion settings(UUID integrationId, int number) {
        return integrations.version(integrationId, number);
    }

    public List<FieldError> completeness(UUID integrationId, int number) {
        return completeness(integrations.version(integrationId, number));
    }

    public ListingRef listingRef(UUID integrationId, int number, String languageCode) {
        Language language = Language.parse(languageCode, "lang");
        return listingRef(integrations.version(integrationId, number), language);
    }

    /** A listing to change in this transaction: see {@link IntegrationService#change}. */
    public ListingRef listingToChange(UUID integrationId, int number, String languageCode) {
        Language language = Language.parse(languageCode, "lang");
        return listingRef(integrations.versionToChange(integrationId, number), language);
    }

    private static ListingRef listingRef(IntegrationVersion version, Language language) {
        if (!version.integration.languages.contains(language.code)) {
            throw ProblemException.notFound("Language " + language.code + " is not one of the integration's languages");
        }
        return new ListingRef(version.integration, version, language.code);
    }

    @Transactional
    public IntegrationVersion putSettings(UUID integrationId, int number, ListingSettings request) {
        IntegrationVersion version = draft(integrations.versionToChange(integrationId, number));
        if (request == null) {
            throw ProblemException.invalid("", "required", "A JSON body with the settings is required");
        }
        Violations violations = new Violations();
        ListingRules.settings(request, violations);
        violations.throwIfAny();
        version.duplicateControl = request.duplicateControl();
        version.multipleSources = request.multipleSources();
        version.ownerCompany = request.ownerCompany();
        version.hasWidget = request.hasWidget() == null || request.hasWidget();
        if (!version.hasWidget) {
            version.archive = null; // a version without a widget has no archive (a new draft starts with the last one)
        }
        version.updatedAt = Instant.now();
        return version;
    }

    /** The saved listing, or an empty one (every field null) when nothing was saved for the language yet. */
    public Listing listing(ListingRef ref) {
        return listings.find(ref.version(), ref.language()).orElseGet(() -> emptyListing(ref));
    }

    public List<ListingMedium> media(ListingRef ref) {
        return media.ofVersion(ref.version()).stream().filter(m -> m.language.equals(ref.language())).toList();
    }

    @Transactional
    public Listing putListing(ListingRef ref, ListingContent request) {
        draft(ref.version());
        if (request == null) {
            throw ProblemException.invalid("", "required", "A JSON body with the listing is required");
        }
        Violations violations = new Violations();
        ListingRules.listing(request, violations);
        violations.throwIfAny();
        Listing listing = listings.find(ref.version(), ref.language()).orElseGet(() -> {
            Listing created = emptyListing(ref);
            listings.persist(created);
            return created;
        });
        listing.name = request.name();
        listing.shortDescription = request.shortDescription();
        listing.description = request.description();
        listing.installedDescription = request.installedDescription();
        listing.privacyPolicyUrl = request.privacyPolicyUrl();
        listing.supportUrl = request.supportUrl();
        listing.supportEmail = request.supportEmail();
        listing.installUrl = request.installUrl();
        listing.updatedAt = Instant.now();
        ref.version().updatedAt = listing.updatedAt;
        return listing;
    }

    /** Sets the icon or the installed logo, replacing the previous one. */
    @Transactional
    public ListingMedium putSingleImage(ListingRef ref, MediaKind kind, byte[] body) {
        draft(ref.version());
        InspectedImage image = ImageInspector.inspect(body, kind);
        ListingMedium medium = media.single(ref.version(), ref.language(), kind).orElseGet(() -> newMedium(ref, kind));
        return store(medium, image, body);
    }

    @Transactional
    public ListingMedium addGalleryImage(ListingRef ref, byte[] body) {
        draft(ref.version());
        InspectedImage image = ImageInspector.inspect(body, MediaKind.GALLERY);
        if (media.galleryCount(ref.version(), ref.language()) >= MAX_GALLERY_IMAGES) {
            throw ProblemException.conflict("The gallery already holds " + MAX_GALLERY_IMAGES
                    + " images; replace or delete one first");
        }
        return store(newMedium(ref, MediaKind.GALLERY), image, body);
    }

    @Transactional
    public ListingMedium replaceGalleryImage(ListingRef ref, UUID imageId, byte[] body) {
        draft(ref.version());
        ListingMedium medium = galleryImage(ref, imageId);
        return store(medium, ImageInspector.inspect(body, MediaKind.GALLERY), body);
    }

    @Transactional
    public void deleteGalleryImage(ListingRef ref, UUID imageId) {
        draft(ref.version());
        media.delete(galleryImage(ref, imageId));
        ref.version().updatedAt = Instant.now();
    }

    /**
     * Validates and stores a draft's widget archive; an invalid one is answered with its report. With an
     * Idempotency-Key, a retry of the same body answers what the first upload answered (even once the version
     * has moved on), and the same key with another body is a 422.
     */
    @Transactional
    public ArchiveReport putArchive(UUID integrationId, int number, byte[] body, String idempotencyKey) {
        IntegrationVersion version = integrations.versionToChange(integrationId, number);
        String bodySha256 = Hashes.sha256(body == null ? new byte[0] : body);
        if (idempotencyKey != null) {
            checkIdempotencyKey(idempotencyKey);
            Optional<ArchiveReport> earlier = earlierAnswer(version, idempotencyKey, bodySha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        draft(version);
        ArchiveReport report = archives.attach(version, body);
        version.updatedAt = Instant.now();
        if (idempotencyKey != null && !idempotentRequests.record(version.id, idempotencyKey, bodySha256, 200, toJson(report))) {
            // a concurrent retry answered first; this one changed the same version to the same archive
            return earlierAnswer(version, idempotencyKey, bodySha256).orElse(report);
        }
        return report;
    }

    private Optional<ArchiveReport> earlierAnswer(IntegrationVersion version, String key, String bodySha256) {
        return idempotentRequests.find(version.id, key).map(stored -> {
            if (!stored.bodySha256().equals(bodySha256)) {
                throw ProblemException.unprocessable("Idempotency-Key " + key
                        + " was already used with a different body; use a new key for a new upload", List.of());
            }
            try {
                return json.readValue(stored.response(), ArchiveReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored answer is always readable", e);
            }
        });
    }

    private static void checkIdempotencyKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw ProblemException.invalid("Idempotency-Key", "invalid", "Idempotency-Key must be 1-255 visible ASCII characters");
        }
    }

    private String toJson(ArchiveReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An archive report is always writable as JSON", e);
        }
    }

    public ArchiveReport checkArchive(UUID integrationId, byte[] body) {
        return archives.check(integrations.get(integrationId), body);
    }

    /** Every missing or invalid item that stands between this version and a review request. */
    public List<FieldError> completeness(IntegrationVersion version) {
        List<FieldError> problems = new ArrayList<>(
                ReviewReadiness.problems(version, listings.ofVersion(version), media.ofVersion(version)));
        problems.addAll(archives.languageGaps(version));
        return problems;
    }

    public String previewInstalledDescription(ListingRef ref) {
        String text = listing(ref).installedDescription;
        if (text == null) {
            return null;
        }
        return InstalledDescriptionTags.render(text, new InstalledDescriptionTags.Values(caller.accountId(),
                caller.accountSubdomain(), caller.userId(), ref.integration().id.toString(), ref.integration().code));
    }

    /** Removes a language's listing and images from the integration's drafts. */
    /** A new draft starts with the listings and images of the version it is copied from (images by reference). */
    void copyListings(IntegrationVersion from, IntegrationVersion to) {
        for (Listing listing : listings.ofVersion(from)) {
            listings.persist(listing.copyFor(to));
        }
        for (ListingMedium medium : media.ofVersion(from)) {
            media.persist(medium.copyFor(to));
        }
    }

    private ListingMedium galleryImage(ListingRef ref, UUID imageId) {
        return media.galleryImage(ref.version(), ref.language(), imageId)
                .orElseThrow(() -> ProblemException.notFound("No gallery image " + imageId + " in this listing"));
    }

    private ListingMedium store(ListingMedium medium, InspectedImage image, byte[] body) {
        medium.blob = media.storeBlob(Hashes.sha256(body), image.format().contentType, image.width(), image.height(), body);
        medium.updatedAt = Instant.now();
        if (!media.isPersistent(medium)) {
            media.persist(medium);
        }
        medium.version.updatedAt = medium.updatedAt;
        return medium;
    }

    private static ListingMedium newMedium(ListingRef ref, MediaKind kind) {
        ListingMedium medium = new ListingMedium();
        medium.id = UUID.randomUUID();
        medium.version = ref.version();
        medium.language = ref.language();
        medium.kind = kind;
        return medium;
    }

    private static Listing emptyListing(ListingRef ref) {
        Listing listing = new Listing();
        listing.id = UUID.randomUUID();
        listing.version = ref.version();
        listing.language = ref.language();
        listing.updatedAt = Instant.now();
        return listing;
    }

    private static IntegrationVersion draft(IntegrationVersion version) {
        if (version.status != VersionStatus.DRAFT) {
            throw ProblemException.conflict("Version " + version.number + " is " + version.status.code()
                    + "; only a draft can change");
        }
        return version;
    }

}
