package io.marketplace.platform.openapi;

import io.marketplace.platform.paging.PageRequest;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every service's OpenAPI document says the same way, so that the resources declare only what is theirs:
 * <ul>
 * <li>every error answer an operation can give, each with the one RFC 9457 problem schema (RFC 6749's error schema on
 * the OAuth endpoints), and the headers that go with it ({@code WWW-Authenticate}, {@code Retry-After});</li>
 * <li>security as alternatives: an operation open to developers or admins accepts either role, not both;</li>
 * <li>an example for every JSON body, built from the schema's own examples, so that it always validates;</li>
 * <li>every field of an answer as required (Jackson writes nulls), unless its record says otherwise.</li>
 * </ul>
 * It runs at build time, so the document stored in {@code target/openapi} is the one served at {@code /q/openapi}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractDocument implements OASFilter {

    /**
     * HTTP Basic client authentication (RFC 6749 §2.3.1) for the OAuth endpoints that use it. Declared here rather than
     * with an annotation: an annotated scheme would become the one Quarkus puts on every {@code @RolesAllowed}
     * operation, in place of the bearer scheme.
     */
    public static final String CLIENT_BASIC = "clientBasic";
    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String OAUTH_ERROR = "OAuthError";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Answers that the OAuth endpoints give in RFC 6749's shape; their other failures are problems like everywhere. */
    private static final List<String> OAUTH_STATUSES = List.of("400", "401", "403", "429");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema(FIELD_ERROR, Schemas.fieldError());
        components.addSchema(PROBLEM, Schemas.problem());
        components.addSchema(OAUTH_ERROR, Schemas.oauthError());
        if (api.getPaths() == null) {
            return;
        }
        Examples examples = new Examples(components);
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            dropUnknownSuccessBodies(operation);
            describePaging(operation);
            splitRoleAlternatives(operation);
            declareErrors(path, method, operation);
            sortByStatus(operation);
            examples.fill(operation);
        }));
        declareClientBasic(api);
        Pruning.dropUnused(api);
        Pruning.requireAnswerFields(api);
    }

    private static void declareClientBasic(OpenAPI api) {
        boolean used = api.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .filter(operation -> operation.getSecurity() != null)
                .flatMap(operation -> operation.getSecurity().stream())
                .anyMatch(requirement -> requirement.hasScheme(CLIENT_BASIC));
        if (used) {
            api.getComponents().addSecurityScheme(CLIENT_BASIC, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("The integration ID and its secret key (or a publish key's id and key) as HTTP Basic "
                            + "credentials; or the same as client_id and client_secret in the body, never both"));
        }
    }

    /**
     * A method returning a JAX-RS {@code Response} gets an empty schema ("anything") for its success; an operation
     * that answers a body declares it, so what is left is an answer without one (RFC 7009's revocation, a 204).
     */
    private static void dropUnknownSuccessBodies(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null && response.getContent().getMediaTypes()
                    .values().stream().allMatch(media -> isEmpty(media.getSchema()))) {
                response.setContent(null);
            }
        });
    }

    private static boolean isEmpty(Schema schema) {
        return schema == null || (schema.getRef() == null && schema.getType() == null && schema.getProperties() == null
                && schema.getItems() == null && schema.getAllOf() == null && schema.getAnyOf() == null
                && schema.getOneOf() == null && schema.getAdditionalPropertiesSchema() == null);
    }

    /**
     * Collections read {@code page} and {@code limit} as text, so that a bad value is a 400 naming it; on the wire
     * they are integers, and a generated client should send them as such.
     */
    private static void describePaging(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().forEach(parameter -> {
            if (parameter.getIn() != Parameter.In.QUERY) {
                return;
            }
            if (parameter.getName().equals("page")) {
                parameter.description("The page, from 1").schema(integer(1, Integer.MAX_VALUE, 1));
            } else if (parameter.getName().equals("limit")) {
                parameter.description("Items per page")
                        .schema(integer(1, PageRequest.MAX_LIMIT, PageRequest.DEFAULT_LIMIT));
            }
        });
    }

    private static Schema integer(int minimum, int maximum, int byDefault) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum)).defaultValue(byDefault);
    }

    /** {@code bearer: [developer, admin]} reads as "both roles"; the services accept either, so say that. */
    private static void splitRoleAlternatives(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            // anonymous: said explicitly, so that no reader (or generator) assumes a global requirement
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement())));
            return;
        }
        List<SecurityRequirement> alternatives = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            Map<String, List<String>> schemes = requirement.getSchemes();
            if (schemes.size() == 1 && schemes.values().iterator().next().size() > 1) {
                String scheme = schemes.keySet().iterator().next();
                schemes.get(scheme).forEach(role -> alternatives.add(OASFactory.createSecurityRequirement()
                        .addScheme(scheme, List.of(role))));
            } else {
                alternatives.add(requirement);
            }
        }
        operation.setSecurity(alternatives);
    }

    private static void declareErrors(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        boolean secured = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> !requirement.getSchemes().isEmpty());
        if (hasInput) {
            ensure(responses, "400");
        }
        if (secured) {
            ensure(responses, "401");
            ensure(responses, "403");
        }
        if (path.contains("{")) {
            ensure(responses, "404");
        }
        ensure(responses, "406");
        if (operation.getRequestBody() != null) {
            ensure(responses, "413");
            ensure(responses, "415");
        }
        ensure(responses, "500");
        ensure(responses, "503");
        boolean oauth = path.startsWith("/oauth2/") && method == PathItem.HttpMethod.POST;
        responses.getAPIResponses().forEach((status, response) -> {
            if (!status.startsWith("4") && !status.startsWith("5")) {
                return;
            }
            boolean oauthShape = oauth && OAUTH_STATUSES.contains(status);
            if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(OASFactory.createContent().addMediaType(
                        oauthShape ? "application/json" : PROBLEM_JSON,
                        OASFactory.createMediaType().schema(ref(oauthShape ? OAUTH_ERROR : PROBLEM))
                                .example(oauthShape ? null : Schemas.problemExample(Integer.parseInt(status)))));
            }
            if (response.getDescription() == null || response.getDescription().isBlank()
                    || response.getDescription().startsWith("Not A")) {
                response.setDescription(Schemas.reason(status));
            }
            if (status.equals("401") && !oauthShape) {
                header(response, "WWW-Authenticate", "The scheme to authenticate with: Bearer");
            }
            if (oauthShape) {
                // RFC 6749 §5.1: answers of the token endpoints are never cached, errors included
                header(response, "Cache-Control", "no-store");
                header(response, "Pragma", "no-cache");
            }
            if (status.equals("429") || status.equals("503")) {
                header(response, "Retry-After", "Seconds to wait before trying again");
            }
        });
    }

    /**
     * Success first: generated clients build their Accept header from the media types in document order, and one
     * that asks for application/problem+json first gets a 406 for a JSON success.
     */
    private static void sortByStatus(Operation operation) {
        APIResponses sorted = OASFactory.createAPIResponses();
        operation.getResponses().getAPIResponses().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.addAPIResponse(entry.getKey(), entry.getValue()));
        if (operation.getResponses().getDefaultValue() != null) {
            sorted.setDefaultValue(operation.getResponses().getDefaultValue());
        }
        operation.setResponses(sorted);
    }

    private static void ensure(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(Schemas.reason(status)));
        }
    }

    private static void header(APIResponse response, String name, String description) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().description(description)
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    /** Media-type examples composed from the schemas (their {@code examples}, enums, formats and limits). */
    static final class Examples {

        /** Deep enough for every shape here (a page of items holding lists of objects); a cycle stops at it. */
        private static final int MAX_DEPTH = 24;

        private final Components components;

        Examples(Components components) {
            this.components = components;
        }

        void fill(Operation operation) {
            if (operation.getRequestBody() != null) {
                fill(operation.getRequestBody().getContent());
            }
            operation.getResponses().getAPIResponses().values().forEach(response -> fill(response.getContent()));
        }

        private void fill(Content content) {
            if (content == null) {
                return;
            }
            content.getMediaTypes().forEach((type, media) -> {
                if (type.contains("json") && media.getSchema() != null && media.getExample() == null
                        && (media.getExamples() == null || media.getExamples().isEmpty())) {
                    Object example = of(media.getSchema(), 0);
                    if (example != null) {
                        media.setExample(example);
                    }
                }
            });
        }

        Object of(Schema schema, int depth) {
            if (schema == null || depth > MAX_DEPTH) {
                return null;
            }
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                return components.getSchemas() == null ? null : of(components.getSchemas().get(name), depth + 1);
            }
            if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
                return schema.getExamples().get(0);
            }
            if (schema.getDefaultValue() != null) {
                return schema.getDefaultValue();
            }
            if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
                return schema.getEnumeration().get(0);
            }
            for (List<Schema> composed : new ArrayList<List<Schema>>(List.of(
                    nonNull(schema.getAllOf()), nonNull(schema.getOneOf()), nonNull(schema.getAnyOf())))) {
                for (Schema part : composed) {
                    Object example = of(part, depth + 1);
                    if (example != null) {
                        return example;
                    }
                }
            }
            Schema.SchemaType type = schema.getType() == null ? null : schema.getType().stream()
                    .filter(t -> t != Schema.SchemaType.NULL).findFirst().orElse(null);
            if (type == null && schema.getProperties() != null) {
                type = Schema.SchemaType.OBJECT;
            }
            if (type == null) {
                return null;
            }
            return switch (type) {
                case OBJECT -> object(schema, depth);
                case ARRAY -> {
                    Object item = of(schema.getItems(), depth + 1);
                    yield item == null ? List.of() : List.of(item);
                }
                case STRING -> Schemas.sampleString(schema);
                case INTEGER -> schema.getMinimum() != null ? schema.getMinimum().longValue() : 1;
                case NUMBER -> schema.getMinimum() != null ? schema.getMinimum() : 1.5;
                case BOOLEAN -> true;
                default -> null;
            };
        }

        private Object object(Schema schema, int depth) {
            Map<String, Object> example = new LinkedHashMap<>();
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((name, property) -> {
                    Object value = of(property, depth + 1);
                    if (value != null) {
                        example.put(name, value);
                    }
                });
            } else if (schema.getAdditionalPropertiesSchema() != null) {
                Object value = of(schema.getAdditionalPropertiesSchema(), depth + 1);
                if (value != null) {
                    example.put("en", value);
                }
            }
            return example;
        }

        private static List<Schema> nonNull(List<Schema> schemas) {
            return schemas == null ? List.of() : schemas;
        }
    }
}
