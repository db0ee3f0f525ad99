package io.marketplace.platform.test;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response headers an OpenAPI document declares, per operation and status: the request validator checks the
 * headers a document declares, but not the ones it leaves out, so this names those.
 */
final class DocumentedHeaders {

    /**
     * What HTTP itself (or the platform on every answer) sends; a document does not list these. CORS's answers to an
     * allowed browser origin (platform-common's {@code BrowserOrigins}) belong to every operation alike.
     */
    private static final Set<String> PROTOCOL = Set.of("content-type", "content-length", "transfer-encoding", "date",
            "connection", "keep-alive", "vary", "traceparent", "access-control-allow-origin",
            "access-control-expose-headers");

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private record Operation(String method, Pattern path, JsonNode responses) {
    }

    private final List<Operation> operations = new ArrayList<>();

    DocumentedHeaders(JsonNode document) {
        document.path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(operation -> {
                    if (operation.getValue().has("responses")) {
                        operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT),
                                template(path.getKey()), operation.getValue().get("responses")));
                    }
                }));
    }

    /** The headers of an answer that its operation's document does not declare for that status (lower case). */
    Set<String> undeclared(String method, String rawPath, int status, Iterable<String> headers) {
        Optional<Operation> operation = operations.stream()
                .filter(candidate -> candidate.method.equals(method) && candidate.path.matcher(rawPath).matches())
                .findFirst();
        Set<String> undeclared = new TreeSet<>();
        if (operation.isEmpty()) {
            return undeclared;
        }
        JsonNode declared = operation.get().responses.path(Integer.toString(status)).path("headers");
        for (String header : headers) {
            String name = header.toLowerCase(Locale.ROOT);
            boolean listed = false;
            for (var field = declared.fieldNames(); field.hasNext(); ) {
                listed |= field.next().toLowerCase(Locale.ROOT).equals(name);
            }
            if (!listed && !PROTOCOL.contains(name)) {
                undeclared.add(name);
            }
        }
        return undeclared;
    }

    /** {@code /a/{id}/b} as a pattern; a parameter named path is a file path and spans segments (assets). */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int literal = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(literal, parameter.start())))
                    .append(parameter.group(1).equals("path") ? ".+" : "[^/]+");
            literal = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(path.substring(literal))).toString());
    }
}
