package io.marketplace.integrations.rest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import io.marketplace.integrations.service.Scope;
import io.marketplace.platform.domain.Language;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorization page speaks each Marketplace language in full: no text missing in one of them. */
class AuthorizationTextsTest {

    @Test
    void everyLanguageHasEveryTextOfEnglish() {
        Map<String, String> english = AuthorizationResource.texts(Language.EN.code);
        for (Language language : Language.values()) {
            Map<String, String> texts = AuthorizationResource.texts(language.code);
            assertThat(language.code, texts.keySet(), equalTo(english.keySet()));
            texts.forEach((key, text) -> assertThat(language.code + " " + key, text.trim(), not(emptyString())));
        }
    }

    @Test
    void everyScopeIsPutInWords() {
        for (Scope scope : Scope.values()) {
            assertThat(scope.code, AuthorizationResource.texts(Language.EN.code).containsKey("scope_" + scope.code),
                    equalTo(true));
        }
    }
}
