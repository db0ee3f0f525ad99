package io.marketplace.integrations.rest;

import io.marketplace.integrations.config.SignInConfig;
import io.marketplace.integrations.service.authorization.DevelopmentSignIn;
import io.marketplace.integrations.service.authorization.SignedInUser;
import io.marketplace.platform.config.PlatformConfig;
import io.marketplace.platform.security.Caller;
import io.marketplace.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in on the authorization page. With an identity provider ({@code marketplace.sign-in.oidc}), the OIDC
 * tenant "browser" runs the authorization code flow and its ID token names the user and, in the {@code accounts}
 * claim, the accounts where they are an admin ({@code account_id} with the {@code admin} role when there is no such
 * claim); an HTTP permission sends anyone not signed in to the provider's login first. In the local run, the development
 * sign-in page's cookie names the user.
 */
@RequestScoped
public class BrowserSignIn {

    public static final String ACCOUNTS_CLAIM = "accounts";
    static final String DEVELOPMENT_COOKIE = "marketplace_dev_sign_in";

    public enum Method {
        IDENTITY_PROVIDER,
        DEVELOPMENT,
        NONE
    }

    @Inject
    SignInConfig config;

    @Inject
    PlatformConfig platform;

    @Inject
    SecurityIdentity identity;

    @Inject
    DevelopmentSignIn development;

    @Inject
    HttpHeaders headers;

    public Method method() {
        if (config.oidc()) {
            return Method.IDENTITY_PROVIDER;
        }
        return platform.serviceAuth().mode() == PlatformConfig.ServiceAuth.Mode.DEV_ISSUER ? Method.DEVELOPMENT : Method.NONE;
    }

    public Optional<SignedInUser> current() {
        return switch (method()) {
            case IDENTITY_PROVIDER -> identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                    ? Optional.empty() : Optional.of(user(token));
            case DEVELOPMENT -> Optional.ofNullable(headers.getCookies().get(DEVELOPMENT_COOKIE)).map(Cookie::getValue)
                    .flatMap(development::user);
            case NONE -> Optional.empty();
        };
    }

    private SignedInUser user(JsonWebToken token) {
        List<Long> accounts = accounts(token.getClaim(ACCOUNTS_CLAIM));
        if (accounts.isEmpty() && identity.hasRole(Roles.ADMIN)) {
            accounts = accounts(token.getClaim(Caller.ACCOUNT_ID_CLAIM));
        }
        String name = firstText(token, "name", "preferred_username", "email");
        return new SignedInUser(token.getSubject(), name == null ? token.getSubject() : name, accounts);
    }

    private static String firstText(JsonWebToken token, String... claims) {
        for (String claim : claims) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value instanceof String plain ? plain : null;
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** A claim holding account ids: a number, a numeric string, or an array of them; anything else counts as none. */
    static List<Long> accounts(Object claim) {
        List<Long> accounts = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> add(value, accounts));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> add(value, accounts));
        } else if (claim != null) {
            add(claim, accounts);
        }
        return accounts.stream().distinct().toList();
    }

    private static void add(Object value, List<Long> accounts) {
        Long account = Caller.accountIdOf(value);
        if (account != null) {
            accounts.add(account);
        }
    }
}
