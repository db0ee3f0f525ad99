package io.marketplace.integrations.service;

import io.marketplace.platform.problem.Violations;
import java.util.Set;
import java.util.regex.Pattern;

/** The Stage-2 field rules. A null field is "not filled yet" (the completeness report names it); a given one must be valid. */
public final class ListingRules {

    public static final int MAX_NAME = 255;
    public static final int MAX_SHORT_DESCRIPTION = 50;
    public static final int MAX_DESCRIPTION = 65_000;
    public static final int MAX_OWNER_COMPANY = 255;
    private static final int MAX_EMAIL = 254;
    /** A pragmatic address check: one @, a dotted domain, no spaces or angle brackets. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\".]+(\\.[^@\\s<>\".]+)+");

    private ListingRules() {
    }

    public static void settings(ListingSettings request, Violations violations) {
        length("owner_company", request.ownerCompany(), MAX_OWNER_COMPANY, violations);
    }

    public static void listing(ListingContent request, Violations violations) {
        length("name", request.name(), MAX_NAME, violations);
        length("short_description", request.shortDescription(), MAX_SHORT_DESCRIPTION, violations);
        length("description", request.description(), MAX_DESCRIPTION, violations);
        if (length("installed_description", request.installedDescription(), MAX_DESCRIPTION, violations)) {
            Set<String> unknown = InstalledDescriptionTags.unknownTags(request.installedDescription());
            if (!unknown.isEmpty()) {
                violations.add("installed_description", "unknown_tag", "Unknown tag(s) " + String.join(", ", unknown)
                        + "; the tags are #" + String.join("#, #", InstalledDescriptionTags.KNOWN) + "#");
            }
        }
        if (request.privacyPolicyUrl() != null) {
            IntegrationRules.absoluteHttpUrl("privacy_policy_url", request.privacyPolicyUrl(), violations);
        }
        if (request.supportUrl() != null) {
            IntegrationRules.absoluteHttpUrl("support_url", request.supportUrl(), violations);
        }
        if (request.installUrl() != null) {
            IntegrationRules.absoluteHttpUrl("install_url", request.installUrl(), violations);
        }
        String email = request.supportEmail();
        if (email != null && !isEmail(email)) {
            violations.add("support_email", "invalid_email", "support_email must be a valid e-mail address");
        }
    }

    public static boolean isEmail(String text) {
        return text.length() <= MAX_EMAIL && EMAIL.matcher(text).matches();
    }

    /** 1..max Unicode code points (an emoji counts once); answers whether a valid value was given. */
    private static boolean length(String field, String value, int max, Violations violations) {
        if (value == null) {
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (value.isBlank()) {
            violations.add(field, "empty", field + " must not be empty");
            return false;
        }
        if (length > max) {
            violations.add(field, "too_long", field + " must be at most " + max + " characters, not " + length);
            return false;
        }
        return true;
    }
}
