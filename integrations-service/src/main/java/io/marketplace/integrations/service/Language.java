package io.marketplace.integrations.service;

import java.util.Arrays;
import java.util.Optional;

/** The Marketplace languages a listing can be written in. */
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

    /** The language named in a path; an unknown code is a 400 naming {@code lang}. */
    public static Language parse(String code) {
        return of(code).orElseThrow(() -> io.marketplace.platform.problem.ProblemException.invalid("lang", "unknown_value",
                "'" + IntegrationRules.abbreviate(code) + "' is not one of " + allCodes()));
    }

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(language -> language.code).toList());
    }
}
