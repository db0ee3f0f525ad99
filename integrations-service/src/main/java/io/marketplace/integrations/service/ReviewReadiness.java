package io.marketplace.integrations.service;

import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.Listing;
import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.platform.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a version needs before it can be sent to review (SPEC.md: all Stage-2 fields and media in every language,
 * the archive, https for redirect_uri and revoke_url). Fields are named as the API names them.
 */
final class ReviewReadiness {

    private static final Map<String, Function<Listing, String>> LISTING_FIELDS = Map.of(
            "name", l -> l.name,
            "short_description", l -> l.shortDescription,
            "description", l -> l.description,
            "installed_description", l -> l.installedDescription,
            "privacy_policy_url", l -> l.privacyPolicyUrl,
            "support_url", l -> l.supportUrl,
            "support_email", l -> l.supportEmail);
    private static final List<String> LISTING_FIELD_ORDER = List.of("name", "short_description", "description",
            "installed_description", "privacy_policy_url", "support_url", "support_email");

    private ReviewReadiness() {
    }

    static List<FieldError> problems(IntegrationVersion version, List<Listing> listings, List<ListingMedium> media) {
        List<FieldError> problems = new ArrayList<>();
        Integration integration = version.integration;
        if (!IntegrationRules.isHttps(integration.redirectUri)) {
            problems.add(new FieldError("redirect_uri", "https_required",
                    "redirect_uri must use https before review: the integration will be installed in other accounts"));
        }
        if (integration.revokeUrl != null && !IntegrationRules.isHttps(integration.revokeUrl)) {
            problems.add(new FieldError("revoke_url", "https_required", "revoke_url must use https before review"));
        }
        missingIf(version.duplicateControl == null, "settings.duplicate_control", problems);
        missingIf(version.multipleSources == null, "settings.multiple_sources", problems);
        missingIf(version.ownerCompany == null, "settings.owner_company", problems);

        Map<String, Listing> byLanguage = listings.stream().collect(Collectors.toMap(l -> l.language, l -> l));
        for (String language : integration.languages) {
            String prefix = "listings." + language + ".";
            Listing listing = byLanguage.get(language);
            for (String field : LISTING_FIELD_ORDER) {
                missingIf(listing == null || LISTING_FIELDS.get(field).apply(listing) == null, prefix + field, problems);
            }
            if (!version.hasWidget) {
                String installUrl = listing == null ? null : listing.installUrl;
                missingIf(installUrl == null, prefix + "install_url", problems);
                if (installUrl != null && !IntegrationRules.isHttps(installUrl)) {
                    problems.add(new FieldError(prefix + "install_url", "https_required",
                            prefix + "install_url must use https before review"));
                }
            }
            List<ListingMedium> images = media.stream().filter(m -> m.language.equals(language)).toList();
            for (MediaKind kind : MediaKind.values()) {
                if (images.stream().noneMatch(m -> m.kind == kind)) {
                    problems.add(new FieldError(prefix + kind.code, "missing", kind == MediaKind.GALLERY
                            ? "the gallery needs at least one " + kind.width + "×" + kind.height + " image"
                            : "a " + kind.width + "×" + kind.height + " " + kind.code.replace('_', ' ') + " is required"));
                }
            }
        }
        if (version.hasWidget && version.archive == null) {
            problems.add(new FieldError("archive", "missing", "upload the widget archive (widget.zip)"));
        }
        return problems;
    }

    private static void missingIf(boolean missing, String field, List<FieldError> problems) {
        if (missing) {
            problems.add(new FieldError(field, "missing", field + " is required before review"));
        }
    }
}
