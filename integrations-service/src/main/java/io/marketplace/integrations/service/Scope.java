package io.marketplace.integrations.service;

import java.util.Arrays;
import java.util.Optional;

/** What an integration may access in an account. */
public enum Scope {
    CRM("crm"),
    NOTIFICATIONS("notifications"),
    FILES("files"),
    FILES_DELETE("files_delete");

    public final String code;

    Scope(String code) {
        this.code = code;
    }

    public static Optional<Scope> of(String code) {
        return Arrays.stream(values()).filter(scope -> scope.code.equals(code)).findFirst();
    }

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(scope -> scope.code).toList());
    }
}
