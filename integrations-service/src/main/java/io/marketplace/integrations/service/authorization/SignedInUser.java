package io.marketplace.integrations.service.authorization;

import java.util.List;

/** Who signed in on the authorization page, and the accounts where they are an admin (the only ones they may choose). */
public record SignedInUser(String subject, String name, List<Long> adminAccounts) {

    public SignedInUser {
        adminAccounts = List.copyOf(adminAccounts);
    }

    public boolean administers(long account) {
        return adminAccounts.contains(account);
    }
}
