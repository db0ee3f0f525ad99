package io.marketplace.platform.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * Holds every response a service's tests receive to the OpenAPI document its build wrote
 * ({@code target/openapi/openapi.json}): a status, header, media type or field the document does not declare fails
 * the test. Requests are not judged, since tests send bad input on purpose. It runs before every {@code @QuarkusTest}
 * class (a Quarkus test callback, so that it reaches the REST Assured the tests use) of a module that has such a
 * document; the end-to-end module has none and is left alone.
 */
public final class DocumentedResponses implements QuarkusTestBeforeClassCallback {

    static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");

    private static Filter filter;

    @Override
    public synchronized void beforeClass(Class<?> testClass) {
        if (filter == null && Files.isRegularFile(DOCUMENT)) {
            filter = new PublicPathsOnly(new OpenApiValidationFilter(OpenApiInteractionValidator
                    .createForSpecificationUrl(DOCUMENT.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build()));
        }
        if (filter != null && !RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** The platform's own endpoints (/q/*) and the service-to-service ones (/internal/*) are in other documents. */
    private record PublicPathsOnly(Filter validation) implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            String path = URI.create(request.getURI()).getRawPath();
            return path.startsWith("/q/") || path.startsWith("/internal/")
                    ? context.next(request, response)
                    : validation.filter(request, response, context);
        }
    }
}
