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

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(language -> language.code).toList());
    }
}
