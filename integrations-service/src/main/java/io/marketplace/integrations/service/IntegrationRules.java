package io.marketplace.integrations.service;

import io.marketplace.platform.domain.Language;
import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.outbound.OutboundUrls;
import io.marketplace.platform.problem.Violations;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The Stage-1 field rules of SPEC.md, each reporting into a {@link Violations} so one answer names every problem. */
public final class IntegrationRules {

    public static final int MAX_CODE_LENGTH = 64;
    private static final Pattern CODE_CHARACTERS = Pattern.compile("[A-Za-z0-9_]+");

    private IntegrationRules() {
    }

    /** Latin letters, digits and _; first a lower-case letter; 1–64 characters. */
    public static void widgetCode(String code, Violations violations) {
        if (!violations.require("code", code)) {
            return;
        }
        if (code.isEmpty()) {
            violations.add("code", "empty", "code must not be empty");
        } else if (code.length() > MAX_CODE_LENGTH) {
            violations.add("code", "too_long", "code must be at most " + MAX_CODE_LENGTH + " characters, not " + code.length());
        } else if (!CODE_CHARACTERS.matcher(code).matches()) {
            violations.add("code", "invalid_characters", "code may contain only Latin letters, digits and _");
        } else if (code.charAt(0) < 'a' || code.charAt(0) > 'z') {
            violations.add("code", "invalid_first_character", "code must start with a lower-case Latin letter");
        }
    }

    /**
     * An absolute http(s) URL with a host, no credentials and no fragment (RFC 6749 §3.1.2 for redirect URIs);
     * answers whether it is one.
     */
    public static boolean absoluteHttpUrl(String field, String value, Violations violations) {
        Optional<String> malformed = OutboundUrls.malformed(value);
        malformed.ifPresent(reason -> violations.add(field, "invalid_url", field + " " + reason));
        return malformed.isEmpty();
    }

    /**
     * A URL this system will call (the redirect and revoke URLs): a valid absolute http(s) URL that the outbound
     * policy does not refuse, the same policy webhook-service applies before each request.
     */
    public static void callbackUrl(String field, String value, OutboundUrls policy, Violations violations) {
        if (absoluteHttpUrl(field, value, violations)) {
            policy.refusal(value).ifPresent(reason -> violations.add(field, "unsafe_url", field + " " + reason));
            addedParameter(field, value).ifPresent(name -> violations.add(field, "reserved_parameter", field
                    + " must not carry " + name + ": webhook-service adds it to every request to this URL"));
        }
    }

    /**
     * A parameter of the URL's own query that webhook-service adds to its requests (the code delivery to the redirect
     * URL, the access-revoked notice to the revoke URL): the receiver would read two of them, the first one the URL's.
     */
    private static Optional<String> addedParameter(String field, String url) {
        Set<String> added = field.equals("redirect_uri") ? WebhookJob.INSTALLED_PARAMETERS
                : WebhookJob.ACCESS_REVOKED_PARAMETERS;
        String query = URI.create(url).getRawQuery();
        return query == null ? Optional.empty() : Arrays.stream(query.split("&"))
                .map(pair -> name(pair.split("=", 2)[0])).filter(added::contains).findFirst();
    }

    private static String name(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return encoded; // a bad escape is the URL check's to report
        }
    }

    public static boolean isHttps(String url) {
        return url != null && url.regionMatches(true, 0, "https:", 0, 6);
    }

    /** At least one known scope; repeated scopes count once. */
    public static List<String> scopes(List<String> values, Violations violations) {
        return knownCodes("scopes", values, code -> Scope.of(code).isPresent(),
                Scope.allCodes(), violations);
    }

    /** At least one known language, in the order given; repeated languages count once. */
    public static List<String> languages(List<String> values, Violations violations) {
        return knownCodes("languages", values, code -> Language.of(code).isPresent(), Language.allCodes(), violations);
    }

    private static List<String> knownCodes(String field, List<String> values, java.util.function.Predicate<String> known,
            String allowed, Violations violations) {
        if (!violations.require(field, values)) {
            return List.of();
        }
        if (values.isEmpty()) {
            violations.add(field, "empty", field + " must hold at least one of " + allowed);
            return List.of();
        }
        Set<String> accepted = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !known.test(value)) {
                violations.add(field + "[" + i + "]", "unknown_value",
                        (value == null ? "null" : "'" + Violations.abbreviate(value) + "'") + " is not one of " + allowed);
            } else {
                accepted.add(value);
            }
        }
        return new ArrayList<>(accepted);
    }
}
