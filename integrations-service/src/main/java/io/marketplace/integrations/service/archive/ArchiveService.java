package io.marketplace.integrations.service.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.persistence.ArchiveRepository.StoredFile;
import io.marketplace.integrations.persistence.ArchiveRepository;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.service.Hashes;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates widget archives, stores the valid ones and re-checks them when the integration's languages change. */
@ApplicationScoped
public class ArchiveService {

    @Inject
    ArchiveRepository archives;

    @Inject
    ObjectMapper json;

    public static final int MAX_ARCHIVE_BYTES = 10 * 1024 * 1024;

    /** The dry run: the report, nothing stored. */
    public ArchiveReport check(Integration integration, byte[] body) {
        return WidgetArchiveValidator.validate(withinLimit(body), integration.languages).report();
    }

    /** Validates and stores the archive for a draft; an invalid one throws with its report and stores nothing. */
    public ArchiveReport attach(IntegrationVersion draft, byte[] body) {
        if (!draft.hasWidget) {
            throw ProblemException.conflict("Version " + draft.number + " has no widget (settings.has_widget is false); "
                    + "set has_widget to true before uploading an archive");
        }
        byte[] bytes = withinLimit(body);
        WidgetArchiveValidator.Result result = WidgetArchiveValidator.validate(bytes, draft.integration.languages);
        if (!result.report().valid()) {
            throw new InvalidArchiveException(result.report());
        }
        Map<String, StoredFile> files = new LinkedHashMap<>();
        result.files().forEach((path, content) ->
                files.put(path, new StoredFile(AssetTypes.of(path), Hashes.sha256(content), content)));
        try {
            draft.archive = archives.store(Hashes.sha256(bytes), bytes.length, json.writeValueAsString(result.report()), files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An archive report is always writable as JSON", e);
        }
        return result.report();
    }

    /**
     * The archive was validated against the languages the integration had then; a language added since needs
     * its locale entry and i18n file too.
     */
    public List<FieldError> languageGaps(IntegrationVersion version) {
        List<FieldError> gaps = new ArrayList<>();
        if (version.archive == null) {
            return gaps;
        }
        List<String> paths = new ArrayList<>(List.of("manifest.json"));
        version.integration.languages.forEach(language -> paths.add("i18n/" + language + ".json"));
        Map<String, byte[]> files = archives.files(version.archive.sha256, paths);
        List<String> locales = new ArrayList<>();
        try {
            json.readTree(files.get("manifest.json")).path("widget").path("locale").forEach(l -> locales.add(l.asText()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored archive's manifest was valid JSON when it was stored", e);
        }
        for (String language : version.integration.languages) {
            if (!locales.contains(language) || !files.containsKey("i18n/" + language + ".json")) {
                gaps.add(new FieldError("archive", "language_missing", "the archive lacks the language " + language
                        + " (widget.locale and i18n/" + language + ".json); upload a new one"));
            }
        }
        return gaps;
    }

    /** Content-Length is checked before reading; this covers a body sent without one. */
    private static byte[] withinLimit(byte[] body) {
        if (body != null && body.length > MAX_ARCHIVE_BYTES) {
            throw new ProblemException(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, 413,
                    "A widget archive may be at most 10 MiB; this one is " + body.length + " bytes"));
        }
        return body == null ? new byte[0] : body;
    }
}
