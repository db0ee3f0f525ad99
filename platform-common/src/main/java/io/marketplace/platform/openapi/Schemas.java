package io.marketplace.platform.openapi;

import io.marketplace.platform.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** The error schemas every document shares, and sample values for the examples. */
final class Schemas {

    private Schemas() {
    }

    /** RFC 9457 problem details as {@link io.marketplace.platform.problem.Problem} writes them. */
    static Schema problem() {
        return object("An error: RFC 9457 problem details; errors lists every failing field at once")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string("A URI naming the kind of problem")
                        .examples(List.of("urn:marketplace:problem:validation")))
                .addProperty("title",
                        string("The kind of problem, in words").examples(List.of("The request is not valid")))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
                        .description("The HTTP status").examples(List.of(400)))
                .addProperty("detail", string("What went wrong with this request")
                        .examples(List.of("1 field is not valid")))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Every failing field, for validation problems")
                        .items(ContractDocument.ref(ContractDocument.FIELD_ERROR)))
                .addProperty("error_id", string("Identifies an unexpected failure (500) in the service's log"));
    }

    static Schema fieldError() {
        return object("One failing field of a request")
                .required(List.of("field", "code", "message"))
                .addProperty("field", string("JSON path of the field in snake_case, or query.<name>, path.<name>")
                        .examples(List.of("redirect_uri")))
                .addProperty("code", string("A stable code for the failure").examples(List.of("unsafe_url")))
                .addProperty("message", string("The failure, in words")
                        .examples(List.of("redirect_uri must be an absolute http(s) URL")));
    }

    /** RFC 6749 §5.2. */
    static Schema oauthError() {
        return object("An OAuth 2.0 error (RFC 6749 §5.2)")
                .required(List.of("error"))
                .addProperty("error", string("The error code").enumeration(List.of("invalid_request", "invalid_client",
                        "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_token",
                        "rate_limited")))
                .addProperty("error_description", string("The error, in words")
                        .examples(List.of("The authorization code was already used")));
    }

    static Map<String, Object> problemExample(int status) {
        Problem problem = Problem.ofStatus(status);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", problem.type());
        example.put("title", problem.title());
        example.put("status", problem.status());
        example.put("detail", problem.detail());
        return example;
    }

    static String reason(String status) {
        return switch (status) {
            case "400" -> "The request is malformed or not valid; errors names every failing field";
            case "401" -> "No valid credentials";
            case "403" -> "The credentials do not allow this";
            case "404" -> "No such resource (or not one of the caller's)";
            case "406" -> "None of the accepted media types can be answered";
            case "409" -> "Conflicts with the resource's current state";
            case "413" -> "The request body is too large";
            case "415" -> "The request's content type is not accepted here";
            case "422" -> "Understood but cannot be carried out";
            case "429" -> "Too many requests; retry after Retry-After seconds";
            case "500" -> "Unexpected failure; quote error_id when reporting it";
            case "503" -> "Briefly unavailable; nothing was changed, retry after Retry-After seconds";
            default -> "HTTP " + status;
        };
    }

    /** A value for a string schema without an example, that satisfies its format and length limits. */
    static Object sampleString(Schema schema) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String sample = switch (format) {
            case "uuid" -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
            case "date-time" -> "2026-11-30T12:00:00Z";
            case "date" -> "2026-11-30";
            case "uri", "url" -> "https://dev.example.com/";
            case "email" -> "support@dev.example.com";
            case "binary", "byte" -> null;
            default -> "text";
        };
        if (sample == null) {
            return null;
        }
        int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
        StringBuilder padded = new StringBuilder(sample);
        while (padded.length() < min) {
            padded.append('x');
        }
        return padded.toString();
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
