package io.marketplace.platform.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Holds every response a service's tests receive to the OpenAPI document its build wrote
 * ({@code target/openapi/openapi.json}): a status, header, media type or field the document does not declare fails
 * the test. Requests are not judged, since tests send bad input on purpose. It runs before every {@code @QuarkusTest}
 * class (a Quarkus test callback, so that it reaches the REST Assured the tests use) of a module that has such a
 * document; the end-to-end module has none and is left alone.
 */
public final class DocumentedResponses implements QuarkusTestBeforeClassCallback {

    static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Filter filter;

    @Override
    public synchronized void beforeClass(Class<?> testClass) {
        if (filter == null && Files.isRegularFile(DOCUMENT)) {
            String document = read(DOCUMENT);
            filter = new PublicPathsOnly(new OpenApiValidationFilter(validator(document)), headers(document));
        }
        if (filter != null && !RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /**
     * Responses only, and strictly: a field the document does not name is an error. The validator judges nulls only
     * in OpenAPI 3.0 terms ({@code nullable}); given 3.1's {@code type: [string, "null"]} it lets a null through
     * anywhere. So it reads the document as 3.0: same schemas, nullability and examples spelled the 3.0 way.
     */
    static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    static DocumentedHeaders headers(String document) {
        try {
            return new DocumentedHeaders(YAML.readTree(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asOpenApi30(String document) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(document);
            root.put("openapi", "3.0.3");
            root.remove("webhooks");
            spellNullable30(root);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void spellNullable30(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("examples") instanceof ArrayNode examples) {
            // a schema's 3.1 examples list; a media type's examples is a map and stays
            object.remove("examples");
            if (!examples.isEmpty()) {
                object.set("example", examples.get(0));
            }
        }
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            List<JsonNode> named = new ArrayList<>();
            types.forEach(type -> {
                if (!type.asText().equals("null")) {
                    named.add(type);
                }
            });
            if (named.size() < types.size()) {
                object.put("nullable", true);
            }
            if (named.size() == 1) {
                object.set("type", named.get(0));
            } else {
                object.remove("type");
            }
        }
        node.forEach(DocumentedResponses::spellNullable30);
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The validator, then the headers it does not look at. The platform's own endpoints (/q/*) and the
     * service-to-service ones (/internal/*) are in other documents; the authorization page (/oauth, its HTML pages and
     * its button script) is for browsers, not part of the JSON API.
     */
    private record PublicPathsOnly(Filter validation, DocumentedHeaders headers) implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            String path = URI.create(request.getURI()).getRawPath();
            if (path.startsWith("/q/") || path.startsWith("/internal/") || path.equals("/oauth")
                    || path.startsWith("/oauth/")) {
                return context.next(request, response);
            }
            Response answer = validation.filter(request, response, context);
            Set<String> undeclared = headers.undeclared(request.getMethod(), path, answer.statusCode(),
                    answer.headers().asList().stream().map(Header::getName).toList());
            if (!undeclared.isEmpty()) {
                throw new AssertionError(request.getMethod() + " " + path + " answered " + answer.statusCode()
                        + " with headers its OpenAPI document does not declare: " + undeclared);
            }
            return answer;
        }
    }
}
