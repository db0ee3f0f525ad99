package io.marketplace.integrations.service.authorization;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local run's stand-in for the identity provider on the authorization page: whoever fills the form is signed in as
 * that user, admin of the accounts they list. It exists only while the development issuer signs the service tokens.
 */
@ApplicationScoped
public class DevelopmentSignIn {

    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final String SESSION = "development-session";

    @Inject
    SignedValues signedValues;

    public record Session(String subject, String name, List<Long> accounts, long expiresAt) implements SignedValues.Expiring {
    }

    /** The session cookie's value for this user. */
    public String session(String name, List<Long> accounts) {
        return signedValues.sign(SESSION, new Session("dev:" + name, name, accounts,
                Instant.now().plus(SESSION_LIFETIME).getEpochSecond()));
    }

    public Optional<SignedInUser> user(String cookie) {
        return signedValues.verify(SESSION, cookie, Session.class)
                .map(session -> new SignedInUser(session.subject(), session.name(), session.accounts()));
    }
}
