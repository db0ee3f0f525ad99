package io.marketplace.platform.domain;

import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import java.util.Arrays;
import java.util.Optional;

/** The Marketplace languages: listings are written, and installs counted, per language. */
public enum Language {
    EN("en"),
    ES("es"),
    PT("pt"),
    TR("tr"),
    ID("id");

    public final String code;

    Language(String code) {
        this.code = code;
    }

    public static Optional<Language> of(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }

    /** The language named by a request parameter; an unknown code is a 400 naming {@code field}. */
    public static Language parse(String code, String field) {
        return of(code).orElseThrow(() -> ProblemException.invalid(field, "unknown_value",
                "'" + (code == null ? null : Violations.abbreviate(code)) + "' is not one of " + allCodes()));
    }

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(language -> language.code).toList());
    }
}
