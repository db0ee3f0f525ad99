package io.marketplace.integrations.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tags an installed description may contain, replaced with the installing account's values when shown. */
public final class InstalledDescriptionTags {

    public static final List<String> KNOWN = List.of("ACCOUNT_ID", "ACCOUNT_SUBDOMAIN", "USER_ID", "CLIENT_ID", "WIDGET_CODE");
    private static final Pattern TAG = Pattern.compile("#([A-Z][A-Z0-9_]*)#");

    private InstalledDescriptionTags() {
    }

    /** What to put in place of each tag for one account. */
    public record Values(long accountId, String accountSubdomain, String userId, String clientId, String widgetCode) {

        Map<String, String> byTag() {
            return Map.of("ACCOUNT_ID", Long.toString(accountId), "ACCOUNT_SUBDOMAIN", nullToEmpty(accountSubdomain),
                    "USER_ID", nullToEmpty(userId), "CLIENT_ID", clientId, "WIDGET_CODE", widgetCode);
        }

        private static String nullToEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    /** Tags written like {@code #SOMETHING#} that are not one of {@link #KNOWN}, in order of appearance. */
    public static Set<String> unknownTags(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = TAG.matcher(text);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    public static String render(String text, Values values) {
        Map<String, String> byTag = values.byTag();
        return TAG.matcher(text).replaceAll(match ->
                Matcher.quoteReplacement(byTag.getOrDefault(match.group(1), match.group())));
    }
}
