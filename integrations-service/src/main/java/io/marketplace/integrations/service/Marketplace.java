package io.marketplace.integrations.service;

import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.CatalogRepository.Image;
import io.marketplace.integrations.persistence.CatalogRepository.Row;
import io.marketplace.integrations.persistence.CatalogRepository;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The marketplace catalog: what anyone may browse, plus a technical account's own integrations to test. */
@ApplicationScoped
public class Marketplace {

    private static final int MAX_TERMS = 8;

    @Inject
    CatalogRepository catalog;

    @Inject
    Caller caller;

    public record Query(String language, String category, List<String> terms, PageRequest page) {
    }

    public record Shown(Entry entry, List<Image> images) {
    }

    /** Every bad parameter in one 400. {@code lang} defaults to English; {@code q} is split into words. */
    public static Query query(String lang, String category, String q, String page, String limit) {
        Violations violations = new Violations();
        String language = language(lang, violations);
        if (category != null && Category.of(category).isEmpty()) {
            violations.add("category", "unknown_value", "category must be one of " + Category.allCodes());
        }
        List<String> terms = q == null ? List.of() : Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(term -> !term.isEmpty()).limit(MAX_TERMS).toList();
        PageRequest pageRequest = PageRequest.parse(page, limit, violations);
        violations.throwIfAny();
        return new Query(language, category, terms, pageRequest);
    }

    public static String language(String lang, Violations violations) {
        if (lang == null || lang.isBlank()) {
            return Language.EN.code;
        }
        return Language.of(lang).map(found -> found.code).orElseGet(() -> {
            violations.add("lang", "unknown_value", "lang must be one of " + Language.allCodes());
            return null;
        });
    }

    @Transactional
    public List<Row> page(Query query) {
        return catalog.page(query.language(), testerAccount(), query.category(), query.terms(), query.page().limit() + 1,
                query.page().offset());
    }

    @Transactional
    public Shown card(UUID id, String language) {
        List<Entry> entries = catalog.one(id, language, testerAccount());
        if (entries.isEmpty()) {
            throw ProblemException.notFound("No integration " + id + " in the marketplace");
        }
        return withImages(entries).get(0);
    }

    private List<Shown> withImages(List<Entry> entries) {
        Map<UUID, List<Image>> images = catalog.images(entries);
        return entries.stream().map(e -> new Shown(e, images.getOrDefault(e.versionId(), List.of()))).toList();
    }

    /** Whether the caller sees published integrations only (anyone but a technical account): the same for all. */
    public boolean seesPublishedOnly() {
        return testerAccount() == 0;
    }

    /** A technical account sees its own unpublished integrations too; anyone else sees published ones only. */
    private long testerAccount() {
        return !caller.isAnonymous() && caller.isTechnicalAccount() ? caller.accountId() : 0;
    }
}
