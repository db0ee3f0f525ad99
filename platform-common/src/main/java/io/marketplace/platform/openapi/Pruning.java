package io.marketplace.platform.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Leaves out of a document the schemas and tags none of its operations use: the public document would otherwise
 * carry the types and tags of the operations that moved to the internal one (an event batch, "internal").
 */
final class Pruning {

    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([A-Za-z0-9_.\\-]+)");

    private Pruning() {
    }

    static void dropUnused(OpenAPI api) {
        Set<String> tags = new HashSet<>();
        StringBuilder used = new StringBuilder();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getTags() != null) {
                tags.addAll(operation.getTags());
            }
            used.append(Refs.of(operation));
        }));
        if (api.getWebhooks() != null) {
            api.getWebhooks().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
                used.append(Refs.of(operation));
            }));
        }
        if (api.getTags() != null) {
            api.setTags(new ArrayList<>(api.getTags().stream().filter(tag -> tags.contains(tag.getName())).toList()));
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> reachable = reachable(schemas, names(used.toString()));
        List.copyOf(schemas.keySet()).stream().filter(name -> !reachable.contains(name))
                .forEach(api.getComponents()::removeSchema);
    }

    /**
     * The records a service answers with are written whole: a null field is written as null, not left out. So in a
     * schema that only answers use, every property is required, unless the record names its required ones itself (a
     * record that leaves nulls out). Schemas that requests use keep their optional fields.
     */
    static void requireAnswerFields(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        StringBuilder requests = new StringBuilder();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                Refs.of(operation.getRequestBody().getContent()).forEach(schema -> requests.append(Refs.of(schema)));
            }
        }));
        Set<String> requestSchemas = reachable(schemas, names(requests.toString()));
        schemas.forEach((name, schema) -> {
            if (!requestSchemas.contains(name) && schema.getProperties() != null && schema.getRequired() == null) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
    }

    private static Set<String> reachable(Map<String, Schema> schemas, Set<String> roots) {
        Set<String> reachable = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reachable.add(name) && schemas.containsKey(name)) {
                pending.addAll(names(Refs.of(schemas.get(name))));
            }
        }
        return reachable;
    }

    private static Set<String> names(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = SCHEMA_REF.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The schema references of an operation or a schema, through everything that can hold a schema. */
    static final class Refs {

        private Refs() {
        }

        static String of(Operation operation) {
            List<Schema> schemas = new ArrayList<>();
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> schemas.add(parameter.getSchema()));
            }
            if (operation.getRequestBody() != null) {
                schemas.addAll(of(operation.getRequestBody().getContent()));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().forEach(response -> {
                    schemas.addAll(of(response.getContent()));
                    if (response.getHeaders() != null) {
                        response.getHeaders().values().forEach(header -> schemas.add(header.getSchema()));
                    }
                });
            }
            StringBuilder refs = new StringBuilder();
            schemas.forEach(schema -> refs.append(of(schema)));
            return refs.toString();
        }

        static String of(Schema schema) {
            StringBuilder refs = new StringBuilder();
            collect(schema, refs);
            return refs.toString();
        }

        static List<Schema> of(Content content) {
            return content == null || content.getMediaTypes() == null ? List.of() : content.getMediaTypes().values()
                    .stream().map(media -> media.getSchema()).toList();
        }

        private static void collect(Schema schema, StringBuilder refs) {
            if (schema == null) {
                return;
            }
            if (schema.getRef() != null) {
                refs.append(schema.getRef()).append('\n');
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> collect(property, refs));
            }
            collect(schema.getItems(), refs);
            collect(schema.getAdditionalPropertiesSchema(), refs);
            collect(schema.getNot(), refs);
            for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (parts != null) {
                    parts.forEach(part -> collect(part, refs));
                }
            }
        }
    }
}
