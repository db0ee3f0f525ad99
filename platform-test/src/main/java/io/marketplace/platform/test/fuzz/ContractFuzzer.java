package io.marketplace.platform.test.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sweeps every operation of the service's OpenAPI documents (public and internal, as stored at build time) with
 * malformed and hostile input, and checks what the issue of bad input promises: no 5xx, every error a problem (an
 * RFC 6749 error on {@code /oauth2/*}), no 2xx for malformed input, the right status class, and no row written by a
 * rejected write. An operation added to a document is swept without a change here.
 *
 * <p>Each case is a request sent as written over a socket ({@link RawHttp}). The service's test names the values of
 * its path parameters (a real integration, version, language…) so that the cases reach past routing and lookups.
 */
public final class ContractFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final int ANY_BUT_SERVER_ERROR = 0;
    private static final int CLIENT_ERROR = -4;
    private static final String STRING_TYPE = "string";
    /** Deep enough for an event batch: events[0].data.account_id. */
    private static final int MAX_DEPTH = 4;

    private final RawHttp http;
    private final long account;
    private final Map<String, String> pathValues;
    private final String serviceCaller;
    private final StateSnapshot state;
    private final Set<String> reportingOperations = new HashSet<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;

    private ContractFuzzer(long account, Map<String, String> pathValues, String serviceCaller, Set<String> ignoredTables) {
        this.http = RawHttp.toServiceUnderTest();
        this.account = account;
        this.pathValues = pathValues;
        this.serviceCaller = serviceCaller;
        String schema = ConfigProvider.getConfig().getValue("quarkus.flyway.schemas", String.class).split(",")[0].trim();
        this.state = new StateSnapshot(schema, ignoredTables);
    }

    /**
     * @param account the technical account that owns the fixtures named in {@code pathValues}
     * @param pathValues a value for each path parameter name ({@code id}, {@code n}, {@code lang}…); others get a
     *     value of their schema's type
     * @param serviceCaller the neighbour whose service token calls the internal operations
     * @param ignoredTables tables that background work writes to on its own (an outbox relay, a delivery worker)
     */
    public static ContractFuzzer of(long account, Map<String, String> pathValues, String serviceCaller,
            Set<String> ignoredTables) {
        return new ContractFuzzer(account, pathValues, serviceCaller, ignoredTables);
    }

    /**
     * The operation ({@code "POST /path/{id}"}) checks a body and answers a report, so a body it cannot read is a 200
     * with findings rather than a 4xx.
     */
    public ContractFuzzer answersInvalidBodiesWithAReport(String operation) {
        reportingOperations.add(operation);
        return this;
    }

    /**
     * A body for the operation ({@code "POST /path"}) to start from instead of its documented example: one its handler
     * reads further (an event of a type this service handles), so that its fields are swept too.
     */
    public ContractFuzzer startingFrom(String operation, String body) {
        examples.put(operation, body);
        return this;
    }

    /** What a sweep sent and every promise it found broken (one line each: operation, case, what came back). */
    public record Report(int operations, int requests, List<String> brokenPromises) {
    }

    /** Sweeps every operation of the module's stored documents, public and internal. */
    public Report sweep() {
        return sweep(read("target/openapi/openapi.json"), read("target/openapi/openapi-internal.json"));
    }

    /** Sweeps every operation of {@code documents}; prints how much was sent and how much was found broken. */
    public Report sweep(JsonNode... documents) {
        long started = System.nanoTime();
        List<Operation> operations = new ArrayList<>();
        for (JsonNode document : documents) {
            operations.addAll(operations(document));
        }
        // deletes last, so that the fixtures stay for the other operations' cases
        operations.sort(Comparator.comparing(operation -> operation.method().equals("DELETE")));
        for (Operation operation : operations) {
            sweep(operation);
        }
        System.out.printf("Fuzzed %d operations with %d requests in %d s; %d broken promises%n", operations.size(),
                requests, (System.nanoTime() - started) / 1_000_000_000L, failures.size());
        failures.stream().limit(60).forEach(System.out::println);
        return new Report(operations.size(), requests, List.copyOf(failures));
    }

    record Operation(String method, String template, JsonNode spec, JsonNode document) {

        String name() {
            return method + " " + template;
        }
    }

    record Case(String name, String target, Map<String, String> headers, byte[] body, boolean chunked, int expected) {
    }

    private static JsonNode read(String file) {
        try {
            return JSON.readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("The stored OpenAPI document " + file + " is missing: build the module", e);
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(entry.getKey())) {
                operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), entry.getValue(), document));
            }
        }));
        return operations;
    }

    private void sweep(Operation operation) {
        List<Case> mustReject = new ArrayList<>();
        List<Case> mayPass = new ArrayList<>();
        for (Case fuzzCase : cases(operation)) {
            (fuzzCase.expected() == ANY_BUT_SERVER_ERROR ? mayPass : mustReject).add(fuzzCase);
        }
        boolean write = !operation.method().equals("GET");
        Map<String, String> before = write ? state.take() : null;
        for (Case fuzzCase : mustReject) {
            run(operation, fuzzCase);
        }
        if (write) {
            List<String> changed = StateSnapshot.changedTables(before, state.take());
            if (!changed.isEmpty()) {
                failures.add(operation.name() + ": rejected requests changed " + changed);
            }
        }
        for (Case fuzzCase : mayPass) {
            run(operation, fuzzCase);
        }
    }

    private void run(Operation operation, Case fuzzCase) {
        requests++;
        RawHttp.Answer answer;
        try {
            answer = http.send(operation.method(), fuzzCase.target(), fuzzCase.headers(), fuzzCase.body(),
                    fuzzCase.chunked());
        } catch (UncheckedIOException e) {
            failures.add(describe(operation, fuzzCase) + ": no answer (" + e.getCause().getMessage() + ")");
            return;
        }
        int status = answer.status();
        String problem = status >= 400 ? problemShapeError(operation, answer) : null;
        if (status >= 500) {
            failures.add(describe(operation, fuzzCase) + ": " + status + " " + serverError(answer));
        } else if (fuzzCase.expected() == CLIENT_ERROR && (status < 400 || status >= 500)) {
            failures.add(describe(operation, fuzzCase) + ": expected a 4xx, got " + status);
        } else if (fuzzCase.expected() > 0 && status != fuzzCase.expected()) {
            failures.add(describe(operation, fuzzCase) + ": expected " + fuzzCase.expected() + ", got " + status + " "
                    + RawHttp.abbreviate(answer.text()));
        } else if (problem != null) {
            failures.add(describe(operation, fuzzCase) + ": " + status + " " + problem);
        }
    }

    /** The error_id a 5xx must carry (the service logged the failure under it), or what came instead. */
    private static String serverError(RawHttp.Answer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body != null && body.path("error_id").isTextual()) {
                return "error_id " + body.get("error_id").asText();
            }
        } catch (IOException e) {
            // not JSON: shown below
        }
        return "without an error_id: " + RawHttp.abbreviate(answer.text());
    }

    private static String describe(Operation operation, Case fuzzCase) {
        return operation.name() + " [" + fuzzCase.name() + "]";
    }

    /**
     * Why an error answer is not the error body the contract promises, or null when it is: the shape the operation
     * documents for that status when it is plain JSON (the RFC 6749 errors of {@code /oauth2/*}), a problem otherwise.
     */
    private static String problemShapeError(Operation operation, RawHttp.Answer answer) {
        String type = String.valueOf(answer.header("content-type"));
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "error without a JSON body (" + type + "): " + RawHttp.abbreviate(answer.text());
        }
        JsonNode documented = operation.spec().path("responses").path(String.valueOf(answer.status())).path("content");
        if (documented.has("application/json")) {
            return type.startsWith("application/json") && body != null && body.path("error").isTextual() ? null
                    : "not the documented RFC 6749 error: " + RawHttp.abbreviate(answer.text());
        }
        if (!type.startsWith("application/problem+json")) {
            return "error as " + type + " instead of application/problem+json";
        }
        return body != null && body.path("status").asInt() == answer.status() ? null : "problem without its status";
    }

    // --- the catalogue of cases

    private List<Case> cases(Operation operation) {
        List<Case> cases = new ArrayList<>();
        Request valid = validRequest(operation);
        authenticationCases(operation, valid, cases);
        pathCases(operation, cases);
        queryCases(operation, valid, cases);
        bodyCases(operation, valid, cases);
        cases.add(valid.with("Accept nothing it produces", Map.of("Accept", "image/gif"), notAcceptableExpected(operation)));
        Map<String, String> withoutAccept = new LinkedHashMap<>(valid.headers());
        withoutAccept.remove("Accept");
        cases.add(new Case("no Accept", valid.target(), withoutAccept, valid.body(), false, ANY_BUT_SERVER_ERROR));
        cases.add(valid.with("header block of 40 KiB", Map.of("X-Padding", "p".repeat(40 * 1024)), 431));
        cases.add(new Case("URL of 9 KiB", valid.target() + (valid.target().contains("?") ? "&" : "?") + "pad="
                + "p".repeat(9 * 1024), valid.headers(), valid.body(), false, 414));
        return cases;
    }

    /** A request as a well-behaved client would send it: known path values, a token with the roles asked, an example body. */
    record Request(String target, Map<String, String> headers, byte[] body) {

        Case with(String name, Map<String, String> extraHeaders, int expected) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(extraHeaders);
            return new Case(name, target, all, body, false, expected);
        }

        Case withBody(String name, String contentType, byte[] newBody, boolean chunked, int expected) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (contentType == null) {
                all.remove("Content-Type");
            } else {
                all.put("Content-Type", contentType);
            }
            return new Case(name, target, all, newBody, chunked, expected);
        }

        Case withAuthorization(String name, String authorization, int expected) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (authorization == null) {
                all.remove("Authorization");
            } else {
                all.put("Authorization", authorization);
            }
            return new Case(name, target, all, body, false, expected);
        }
    }

    private Request validRequest(Operation operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "*/*");
        String token = tokenFor(operation, account);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        String target = fillPath(operation, Map.of());
        String query = requiredQuery(operation);
        if (!query.isEmpty()) {
            target += "?" + query;
        }
        byte[] body = null;
        String mediaType = requestMediaType(operation);
        if (mediaType != null) {
            headers.put("Content-Type", mediaType);
            body = examples.getOrDefault(operation.name(), exampleBody(operation, mediaType)).getBytes(StandardCharsets.UTF_8);
        }
        return new Request(target, headers, body);
    }

    private String tokenFor(Operation operation, long accountId) {
        Set<String> roles = new HashSet<>();
        boolean bearer = false;
        for (JsonNode alternative : operation.spec().path("security")) {
            if (alternative.has("bearer")) {
                bearer = true;
                alternative.get("bearer").forEach(role -> roles.add(role.asText()));
            }
        }
        if (!bearer) {
            return null;
        }
        if (roles.contains(Roles.SERVICE)) {
            return TestTokens.service(serviceCaller);
        }
        if (roles.contains(Roles.PUBLISHER) && roles.size() == 1 && pathValues.containsKey("id")) {
            return TestTokens.publisher(java.util.UUID.fromString(pathValues.get("id")));
        }
        return TestTokens.user(accountId, true, Roles.DEVELOPER, Roles.ADMIN, Roles.MODERATOR);
    }

    private void authenticationCases(Operation operation, Request valid, List<Case> cases) {
        if (!valid.headers().containsKey("Authorization")) {
            return;
        }
        cases.add(valid.withAuthorization("no token", null, 401));
        cases.add(valid.withAuthorization("not a JWT", "Bearer not-a-token", 401));
        cases.add(valid.withAuthorization("Basic instead of Bearer", "Basic dXNlcjpwYXNz", 401));
        cases.add(valid.withAuthorization("expired token", "Bearer " + TestTokens.expired(account), 401));
        cases.add(valid.withAuthorization("token signed by a foreign key", "Bearer " + TestTokens.signedByUnknownKey(account), 401));
        cases.add(valid.withAuthorization("alg none", "Bearer " + TestTokens.unsigned(account), 401));
        cases.add(valid.withAuthorization("token without a role", "Bearer " + TestTokens.user(account, true),
                requiresRoles(operation) ? 403 : ANY_BUT_SERVER_ERROR));
        cases.add(valid.withAuthorization("another account's token",
                "Bearer " + TestTokens.user(account + 7_000_000, true, Roles.DEVELOPER, Roles.ADMIN, Roles.MODERATOR),
                ANY_BUT_SERVER_ERROR));
    }

    private static boolean requiresRoles(Operation operation) {
        for (JsonNode alternative : operation.spec().path("security")) {
            if (alternative.path("bearer").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void pathCases(Operation operation, List<Case> cases) {
        Matcher parameters = PATH_PARAMETER.matcher(operation.template());
        Request valid = validRequest(operation);
        while (parameters.find()) {
            String name = parameters.group(1).trim();
            Map<String, Integer> values = new LinkedHashMap<>();
            values.put("%ZZ", 400);
            values.put("%FF", 400);
            values.put("..", 400);
            values.put("%2e%2E", 400);
            values.put("x%00", 400);
            values.put("a%0Ab", 400);
            values.put("x".repeat(4000), ANY_BUT_SERVER_ERROR);
            values.put("-1", ANY_BUT_SERVER_ERROR);
            values.put("0", ANY_BUT_SERVER_ERROR);
            values.put("99999999999999999999", ANY_BUT_SERVER_ERROR);
            values.put("2147483647", ANY_BUT_SERVER_ERROR);
            values.put("1e3", ANY_BUT_SERVER_ERROR);
            values.put("%E2%80%AEtxt.exe", ANY_BUT_SERVER_ERROR);
            values.put("%F0%9F%98%80", ANY_BUT_SERVER_ERROR);
            values.put("'%20OR%201=1--", ANY_BUT_SERVER_ERROR);
            values.put("%2F", ANY_BUT_SERVER_ERROR);
            values.forEach((value, expected) -> {
                String target = fillPath(operation, Map.of(name, value));
                String query = requiredQuery(operation);
                cases.add(new Case("path " + name + "=" + RawHttp.abbreviate(value),
                        query.isEmpty() ? target : target + "?" + query, valid.headers(), valid.body(), false,
                        expected));
            });
        }
    }

    private void queryCases(Operation operation, Request valid, List<Case> cases) {
        String path = fillPath(operation, Map.of());
        for (JsonNode parameter : parameters(operation, "query")) {
            String name = parameter.path("name").asText();
            for (String value : List.of("%ZZ", "%00", "%FF", "-1", "0", "99999999999999999999", "2147483647", "abc", "",
                    "x".repeat(3000), "%E2%80%AE", "true", "%5B%5D")) {
                boolean malformed = value.equals("%ZZ") || value.equals("%00") || value.equals("%FF");
                cases.add(new Case("query " + name + "=" + RawHttp.abbreviate(value), path + "?" + name + "=" + value,
                        valid.headers(), valid.body(), false, malformed ? 400 : ANY_BUT_SERVER_ERROR));
            }
            // the JSON APIs refuse a parameter they read given twice (SingleQueryParameters); the rest must not fail
            cases.add(new Case("query " + name + " given twice", path + "?" + name + "=1&" + name + "=2", valid.headers(),
                    valid.body(), false, path.startsWith("/api/") ? 400 : ANY_BUT_SERVER_ERROR));
        }
    }

    private void bodyCases(Operation operation, Request valid, List<Case> cases) {
        String mediaType = requestMediaType(operation);
        if (mediaType == null) {
            return;
        }
        byte[] tooLarge = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        cases.add(valid.withBody("no Content-Type", null, valid.body(), false, 415));
        cases.add(valid.withBody("text/plain body", "text/plain", valid.body(), false, 415));
        cases.add(valid.withBody("empty body", mediaType, new byte[0], false,
                reportingOperations.contains(operation.name()) ? ANY_BUT_SERVER_ERROR : CLIENT_ERROR));
        if (mediaType.contains("json")) {
            jsonCases(operation, valid, mediaType, cases);
            cases.add(valid.withBody("2 MiB body", mediaType, tooLarge, false, 413));
            cases.add(valid.withBody("2 MiB chunked body", mediaType, tooLarge, true, 413));
        } else if (mediaType.equals("application/x-www-form-urlencoded")) {
            String form = new String(valid.body(), StandardCharsets.UTF_8);
            cases.add(valid.withBody("bad escape in a form", mediaType, bytes("grant_type=%ZZ&" + form), false, 400));
            // a client that failed to authenticate may hear 401 before its parameters are read
            cases.add(valid.withBody("NUL in a form", mediaType, bytes("token=%00&" + form), false, CLIENT_ERROR));
            cases.add(valid.withBody("repeated form field", mediaType, bytes(form + "&" + form), false, 400));
            cases.add(valid.withBody("JSON as a form", mediaType, bytes("{\"token\":\"x\"}"), false, CLIENT_ERROR));
        } else {
            int unreadable = reportingOperations.contains(operation.name()) ? ANY_BUT_SERVER_ERROR : CLIENT_ERROR;
            cases.add(valid.withBody("bytes that are not " + mediaType, mediaType, bytes("not really " + mediaType),
                    false, unreadable));
            cases.add(valid.withBody("JSON as " + mediaType, mediaType, bytes("{}"), false, unreadable));
        }
    }

    private void jsonCases(Operation operation, Request valid, String mediaType, List<Case> cases) {
        String example = new String(valid.body(), StandardCharsets.UTF_8);
        for (String malformed : List.of("{", "{\"a\":", "[]", "null", "\"text\"", "123", "true", "<xml/>",
                "{\"a\":1}", "[".repeat(3000) + "]".repeat(3000), "\u0000", "{'single': 'quotes'}")) {
            cases.add(valid.withBody("malformed JSON " + RawHttp.abbreviate(malformed), mediaType, bytes(malformed),
                    false, CLIENT_ERROR));
        }
        cases.add(valid.withBody("trailing garbage", mediaType, bytes(example + "}xyz"), false, 400));
        cases.add(valid.withBody("two documents", mediaType, bytes(example + " {}"), false, 400));
        cases.add(valid.withBody("JSON in UTF-16", mediaType, example.getBytes(StandardCharsets.UTF_16), false,
                CLIENT_ERROR));
        JsonNode parsed;
        try {
            parsed = JSON.readTree(example);
        } catch (IOException e) {
            return;
        }
        if (!(parsed instanceof ObjectNode object) || object.isEmpty()) {
            return;
        }
        String first = object.fieldNames().next();
        cases.add(valid.withBody("duplicate key " + first, mediaType, bytes(example.substring(0, example.lastIndexOf('}'))
                + ", " + JSON.valueToTree(first) + ": " + object.get(first) + "}"), false, 400));
        JsonNode schema = resolve(operation.document(), operation.spec().path("requestBody").path("content")
                .path(mediaType).path("schema"));
        fieldCases(operation, valid, mediaType, object, object, schema, new ArrayList<>(), cases);
    }

    /** Each field of {@code node} (nested objects and first array items too, down to MAX_DEPTH) given other values. */
    private void fieldCases(Operation operation, Request valid, String mediaType, ObjectNode root, JsonNode node,
            JsonNode schema, List<Object> path, List<Case> cases) {
        Map<Object, JsonNode> children = new LinkedHashMap<>();
        if (node instanceof ObjectNode object) {
            // a free-form object (no properties, no additionalProperties) is typed by the example's own values
            boolean freeForm = !schema.has("properties") && !schema.has("additionalProperties");
            object.fieldNames().forEachRemaining(name -> children.put(name, freeForm ? typeOf(object.get(name))
                    : resolve(operation.document(), schema.path("properties").path(name))));
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            children.put(0, resolve(operation.document(), schema.path("items")));
        }
        children.forEach((key, childSchema) -> {
            List<Object> childPath = new ArrayList<>(path);
            childPath.add(key);
            String type = childSchema.path("type").asText("");
            for (Map.Entry<JsonNode, Integer> replacement : replacements(type, childSchema).entrySet()) {
                ObjectNode changed = root.deepCopy();
                replace(changed, childPath, replacement.getKey());
                cases.add(valid.withBody(pointer(childPath) + "=" + RawHttp.abbreviate(replacement.getKey().toString()),
                        mediaType, bytes(jsonText(changed)), false, replacement.getValue()));
            }
            JsonNode child = key instanceof Integer index ? node.get(index) : node.get((String) key);
            if (child.isContainerNode() && childPath.size() < MAX_DEPTH) {
                fieldCases(operation, valid, mediaType, root, child, childSchema, childPath, cases);
            }
        });
    }

    private static JsonNode typeOf(JsonNode value) {
        String type = switch (value.getNodeType()) {
            case STRING -> STRING_TYPE;
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            default -> "";
        };
        return type.isEmpty() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static void replace(ObjectNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static String pointer(List<Object> path) {
        StringBuilder text = new StringBuilder();
        path.forEach(step -> text.append(step instanceof Integer index ? "[" + index + "]" : (text.length() == 0 ? "" : ".") + step));
        return text.toString();
    }

    /** Values for a property of {@code type}: other types (refused, as nothing is coerced) and hostile text. */
    private static Map<JsonNode, Integer> replacements(String type, JsonNode property) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<JsonNode, Integer> values = new LinkedHashMap<>();
        boolean typed = !type.isEmpty();
        if (!type.equals(STRING_TYPE)) {
            values.put(nodes.textNode("1"), typed ? 400 : ANY_BUT_SERVER_ERROR);
            values.put(nodes.textNode("true"), typed ? 400 : ANY_BUT_SERVER_ERROR);
        }
        if (!type.equals("integer") && !type.equals("number")) {
            values.put(nodes.numberNode(-1), typed ? 400 : ANY_BUT_SERVER_ERROR);
        }
        if (!type.equals("boolean")) {
            values.put(nodes.booleanNode(true), typed ? 400 : ANY_BUT_SERVER_ERROR);
        }
        if (!type.equals("object")) {
            values.put(nodes.objectNode(), typed ? 400 : ANY_BUT_SERVER_ERROR);
        }
        if (!type.equals("array")) {
            values.put(nodes.arrayNode(), typed ? 400 : ANY_BUT_SERVER_ERROR);
        }
        values.put(nodes.nullNode(), ANY_BUT_SERVER_ERROR);
        values.put(nodes.numberNode(new java.math.BigInteger("9".repeat(40))), ANY_BUT_SERVER_ERROR);
        if (type.equals("integer") || type.equals("number")) {
            // the edges of what Java reads a number into: arithmetic on them overflows
            for (long edge : new long[] {-1, 0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
                values.put(nodes.numberNode(edge), ANY_BUT_SERVER_ERROR);
            }
        }
        if (type.equals(STRING_TYPE) || !typed) {
            values.put(nodes.textNode("nul\u0000inside"), 400);
            values.put(nodes.textNode("lone \ud800 surrogate"), 400);
            values.put(nodes.textNode("\u202eexe.txt"), ANY_BUT_SERVER_ERROR);
            values.put(nodes.textNode("x".repeat(100_000)), ANY_BUT_SERVER_ERROR);
            values.put(nodes.textNode("<script>alert(1)</script>"), ANY_BUT_SERVER_ERROR);
        }
        if (type.equals("array")) {
            ArrayNode hostile = nodes.arrayNode();
            hostile.add(nodes.nullNode());
            hostile.add(nodes.textNode("nul\u0000inside"));
            values.put(hostile, CLIENT_ERROR);
            ArrayNode many = nodes.arrayNode();
            for (int i = 0; i < 10_000; i++) {
                many.add(nodes.textNode("item" + i));
            }
            values.put(many, ANY_BUT_SERVER_ERROR);
        }
        if (property.has("enum")) {
            values.put(nodes.textNode("not_in_the_enum"), 400);
        }
        return values;
    }

    // --- reading the document

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String reference = current.get("$ref").asText();
            current = document.at(reference.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(document, current.get("allOf").get(0));
        }
        return current;
    }

    private static List<JsonNode> parameters(Operation operation, String in) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            JsonNode resolved = resolve(operation.document(), parameter);
            if (resolved.path("in").asText().equals(in)) {
                found.add(resolved);
            }
        }
        return found;
    }

    private String fillPath(Operation operation, Map<String, String> overrides) {
        Matcher parameters = PATH_PARAMETER.matcher(operation.template());
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String name = parameters.group(1).trim();
            String value = overrides.containsKey(name) ? overrides.get(name) : pathValues.getOrDefault(name,
                    defaultPathValue(operation, name));
            parameters.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameters.appendTail(path);
        return path.toString();
    }

    private static String defaultPathValue(Operation operation, String name) {
        for (JsonNode parameter : parameters(operation, "path")) {
            if (parameter.path("name").asText().equals(name)) {
                JsonNode schema = resolve(operation.document(), parameter.path("schema"));
                if ("uuid".equals(schema.path("format").asText())) {
                    return "00000000-0000-4000-8000-000000000000";
                }
                if (Set.of("integer", "number").contains(schema.path("type").asText())) {
                    return "1";
                }
            }
        }
        return "x";
    }

    private static String requiredQuery(Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode parameter : parameters(operation, "query")) {
            if (parameter.path("required").asBoolean()) {
                JsonNode schema = parameter.path("schema");
                String value = schema.has("example") ? schema.get("example").asText()
                        : Set.of("integer", "number").contains(schema.path("type").asText()) ? "1" : "x";
                pairs.add(parameter.path("name").asText() + "=" + value);
            }
        }
        return String.join("&", pairs);
    }

    private static String requestMediaType(Operation operation) {
        Iterator<String> types = operation.spec().path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : null;
    }

    private static String exampleBody(Operation operation, String mediaType) {
        JsonNode content = operation.spec().path("requestBody").path("content").path(mediaType);
        if (mediaType.contains("json")) {
            if (content.has("example")) {
                return content.get("example").toString();
            }
            for (JsonNode example : content.path("examples")) {
                return example.path("value").toString();
            }
            return "{}";
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            JsonNode schema = resolve(operation.document(), content.path("schema"));
            List<String> pairs = new ArrayList<>();
            schema.path("required").forEach(name -> pairs.add(name.asText() + "=x"));
            return String.join("&", pairs);
        }
        return "fuzz-body";
    }

    /**
     * Assets answer any media type, so an odd Accept may pass; elsewhere it is refused, with a 406 or, where the
     * operation fails first for another reason (a client that did not authenticate), another 4xx.
     */
    private static int notAcceptableExpected(Operation operation) {
        JsonNode responses = operation.spec().path("responses");
        for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
            String code = codes.next();
            if (code.startsWith("2") && responses.get(code).path("content").has("*/*")) {
                return ANY_BUT_SERVER_ERROR;
            }
        }
        return CLIENT_ERROR;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text with surrogates escaped: a lone one has no UTF-8 form, and Java would send '?' in its place. */
    private static String jsonText(JsonNode node) {
        StringBuilder text = new StringBuilder();
        node.toString().chars().forEach(c -> text.append(Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return text.toString();
    }
}
