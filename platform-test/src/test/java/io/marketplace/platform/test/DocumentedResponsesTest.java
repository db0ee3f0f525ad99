package io.marketplace.platform.test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the response validation of every service test catches: the wiring is only as good as these. */
class DocumentedResponsesTest {

    private static final String DOCUMENT = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /things:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [name]
                            properties:
                              name: {type: string, examples: [a]}
                              note: {type: [string, 'null']}
              /files/{code}/{path}:
                get:
                  parameters:
                    - {name: code, in: path, required: true, schema: {type: string}}
                    - {name: path, in: path, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      headers:
                        ETag: {schema: {type: string}}
            """;

    private final OpenApiInteractionValidator validator = DocumentedResponses.validator(DOCUMENT);

    @Test
    void acceptsADocumentedAnswer() {
        assertThat(keys(200, "{\"name\": \"a\", \"note\": null}"), empty());
    }

    @Test
    void refusesAnUndocumentedStatus() {
        assertThat(keys(409, "{}"), contains("validation.response.status.unknown"));
    }

    @Test
    void refusesAnUndocumentedField() {
        assertThat(keys(200, "{\"name\": \"a\", \"extra\": 1}"),
                contains("validation.response.body.schema.additionalProperties"));
    }

    @Test
    void refusesNullInAFieldThatIsNotNullable() {
        assertThat(keys(200, "{\"name\": null}"), contains("validation.response.body.schema.type"));
    }

    @Test
    void refusesAMissingRequiredField() {
        assertThat(keys(200, "{\"note\": \"n\"}"), contains("validation.response.body.schema.required"));
    }

    @Test
    void namesTheHeadersADocumentLeavesOut() {
        DocumentedHeaders headers = DocumentedResponses.headers(DOCUMENT);
        assertThat(headers.undeclared("GET", "/files/a/images/en/logo.png", 200,
                List.of("ETag", "Content-Type", "Date", "X-Content-Type-Options")), contains("x-content-type-options"));
        assertThat(headers.undeclared("GET", "/things", 200, List.of("Content-Length")), empty());
    }

    private List<String> keys(int status, String body) {
        ValidationReport report = validator.validateResponse("/things", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey).toList();
    }
}
