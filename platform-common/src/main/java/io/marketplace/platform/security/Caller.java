package io.marketplace.platform.security;

import io.marketplace.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the account the user acts in and whether it is a technical account, read from the bearer token. */
@RequestScoped
public class Caller {

    public static final String ACCOUNT_ID_CLAIM = "account_id";
    public static final String TECHNICAL_ACCOUNT_CLAIM = "technical_account";
    /** Optional: the account's subdomain (as in {@code mycompany.kommo.com}), for tags and the install referer. */
    public static final String ACCOUNT_SUBDOMAIN_CLAIM = "account_subdomain";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** Whether the request carries no (valid) token: anonymous reads of public data. */
    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The account the user acts in; a token without a positive {@code account_id} cannot act on account data. */
    public long accountId() {
        Long accountId = accountIdOf(token.getClaim(ACCOUNT_ID_CLAIM));
        if (accountId == null) {
            throw ProblemException.forbidden("The token carries no valid account_id claim");
        }
        return accountId;
    }

    /** A claim value naming an account: a positive integer, as a number or a numeric string; null for anything else. */
    public static Long accountIdOf(Object claim) {
        Long accountId = null;
        if (claim instanceof JsonNumber number && number.isIntegral()) {
            accountId = number.longValue();
        } else if (claim instanceof Number number) {
            accountId = number.longValue();
        } else if (claim instanceof JsonString text) {
            accountId = parse(text.getString());
        } else if (claim instanceof String text) {
            accountId = parse(text);
        }
        return accountId == null || accountId <= 0 ? null : accountId;
    }

    public boolean isTechnicalAccount() {
        Object claim = token.getClaim(TECHNICAL_ACCOUNT_CLAIM);
        if (claim instanceof Boolean flag) {
            return flag;
        }
        if (claim instanceof JsonString text) {
            return Boolean.parseBoolean(text.getString());
        }
        if (claim instanceof String text) {
            return Boolean.parseBoolean(text);
        }
        return claim == JsonValue.TRUE;
    }

    public void requireTechnicalAccount() {
        if (!isTechnicalAccount()) {
            throw ProblemException.forbidden("Only technical accounts can manage public integrations");
        }
    }

    public String accountSubdomain() {
        Object claim = token.getClaim(ACCOUNT_SUBDOMAIN_CLAIM);
        if (claim instanceof JsonString text) {
            return text.getString();
        }
        return claim instanceof String text ? text : null;
    }

    /** A CI pipeline holding a publish token rather than a user. */
    public boolean isPublisher() {
        return identity.hasRole(Roles.PUBLISHER);
    }

    /** The one integration a publish token may act on (its {@code client_id}), or null when it names none. */
    public UUID publishableIntegration() {
        Object claim = token.getClaim("client_id");
        String text = claim instanceof JsonString json ? json.getString() : claim instanceof String plain ? plain : null;
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String userId() {
        return token.getSubject();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    private static Long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
