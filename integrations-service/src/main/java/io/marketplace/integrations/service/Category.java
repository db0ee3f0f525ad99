package io.marketplace.integrations.service;

import java.util.Arrays;
import java.util.Optional;

/** Marketplace categories; an integration published without one is listed under {@code other}. */
public enum Category {
    ANALYTICS, AUTOMATION, CHATS, DOCUMENTS, EMAIL, FINANCE, LEAD_GENERATION, MESSENGERS, SALES, TELEPHONY, OTHER;

    public String code() {
        return name().toLowerCase();
    }

    public static Optional<Category> of(String code) {
        return Arrays.stream(values()).filter(category -> category.code().equals(code)).findFirst();
    }

    public static String allCodes() {
        return String.join(", ", Arrays.stream(values()).map(Category::code).toList());
    }
}
