package dev.ghostrecords.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The served OpenAPI document is true: every request the README and docs/ show (each {@code curl}
 * to the API), every error they document, and the HEAD of every GET, sent to the running service;
 * each request and each answer validated against /api/openapi.json by Atlassian's
 * swagger-request-validator. Zero violations; each HEAD answers its GET's status with no body.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractIT {

    private static final String TOKEN = "contract-token-7d1e";
    private static final Pattern CURL = Pattern.compile("^\\s*(?:\\$ )?(curl .*)$");
    /** a status named in words: "# 201, a MANUAL model", "# 404 if ...", a transcript's "... 401" */
    private static final Pattern STATUS = Pattern.compile("(?:^|[\\s(])([2-5]\\d\\d)(?=[\\s,)]|$)");

    @TempDir
    static Path inbox;
    static RunningService service;
    static OpenApiInteractionValidator validator;
    static JsonNode document;
    /** "METHOD /raw/path" of every call answered with success, to find the operations none reached. */
    private static final Set<String> SUCCEEDED = ConcurrentHashMap.newKeySet();

    /**
     * One request as a client sends it. {@code expected}: the status an error case must get (its
     * request breaks the document on purpose, so only the answer is validated); null for a
     * documented request, which must validate and succeed unless its docs name the status it gets
     * ({@code documented}: "# 404 if ...", or a transcript's output).
     */
    record Call(String source, String method, String pathAndQuery, Map<String, String> headers, String body, Integer expected,
                Set<Integer> documented) {
        Call(String source, String method, String pathAndQuery, Map<String, String> headers, String body, Integer expected) {
            this(source, method, pathAndQuery, headers, body, expected, Set.of());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        try (Stream<Path> samples = Files.list(Path.of("latest_models"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, inbox.resolve(sample.getFileName()));
            }
        }
        long files = Files.list(inbox).count();
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN,
                // nothing listens there: the test notification is queued (202) and retried in the background
                "ghost.webhook.urls", "http://127.0.0.1:9/hook")).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.count("select count(*) from ingestion") == files);
        String served = new ApiClient(service, TOKEN).get("/api/openapi.json").text();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(served).build();
        document = new ObjectMapper().readTree(served);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_answer_every_documented_request_as_the_document_says() throws Exception {
        List<Call> calls = documentedRequests();
        assertThat(calls).as("curl requests to the API in README.md and docs/").hasSizeGreaterThanOrEqualTo(15);
        assertThat(calls).extracting(Call::pathAndQuery).anyMatch(p -> p.startsWith("/api/inference-events"))
                .anyMatch(p -> p.startsWith("/v1/models/")).anyMatch(p -> p.startsWith("/api/maintenance/"));
        List<String> violations = new ArrayList<>();
        for (Call call : calls) {
            violations.addAll(check(call));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void should_answer_every_documented_error_as_the_document_says() throws Exception {
        String manual = "{\"providerId\": \"contract\", \"modelId\": \"twice\"}";
        send(new Call("setup", "POST", "/api/models", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + TOKEN), manual, null));
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
        List<Call> errors = List.of(
                new Call("limit out of range", "GET", "/api/models?limit=0", Map.of(), null, 400),
                new Call("a control character", "GET", "/api/models?q=a%0Ab", Map.of(), null, 400),
                new Call("an unknown kind", "GET", "/api/events?kind=EXPLODED", Map.of(), null, 400),
                new Call("a cursor that is none", "GET", "/api/changes?after=not-a-cursor", Map.of(), null, 400),
                new Call("a change kind that is none", "GET", "/api/changes?kind=DISCOVERED", Map.of(), null, 400),
                new Call("an Atom feed of a kind that is none", "GET", "/feeds/changes.atom?kind=model.exploded", Map.of(), null, 400),
                new Call("a bad time", "GET", "/api/model?provider=openai&model=gpt-4o&at=yesterday", Map.of(), null, 400),
                new Call("an unknown model", "GET", "/api/model?provider=openai&model=no-such-model", Map.of(), null, 404),
                new Call("not a boolean, an export", "GET", "/export/litellm/model_prices_and_context_window.json?active=maybe", Map.of(), null, 400),
                new Call("an unknown model's history", "GET", "/api/model/history?provider=openai&model=no-such", Map.of(), null, 404),
                new Call("an unknown model, OpenAI shape", "GET", "/v1/models/openai%2Fno-such-model", Map.of(), null, 404),
                new Call("no JSON accepted", "GET", "/api/stats", Map.of("Accept", "text/html"), null, 406),
                new Call("no JSON accepted, OpenAI shape", "GET", "/v1/models", Map.of("Accept", "text/plain"), null, 406),
                new Call("a batch of events", "POST", "/api/inference-events", json,
                        "[{\"providerId\": \"openai\", \"modelId\": \"gpt-4o\"}, {\"providerId\": \"contract\", \"modelId\": \"new\","
                                + " \"metadata\": {\"contextWindow\": 8192, \"tags\": [\"a\"], \"nested\": {\"x\": 1}}}]", 200),
                new Call("an empty batch", "POST", "/api/inference-events", json, "[]", 200),
                new Call("broken JSON", "POST", "/api/inference-events", json, "{\"providerId\": ", 400),
                new Call("a missing field", "POST", "/api/inference-events", json, "{\"providerId\": \"openai\"}", 400),
                new Call("not JSON", "POST", "/api/inference-events", Map.of("Content-Type", "text/plain",
                        "Authorization", "Bearer " + TOKEN), "openai gpt-4o", 415),
                new Call("a body over 1 MiB", "POST", "/api/inference-events", json,
                        "[" + "{\"providerId\": \"openai\", \"modelId\": \"gpt-4o\"},".repeat(30_000) + "{}]", 413),
                new Call("no token", "POST", "/api/models", Map.of("Content-Type", "application/json"), manual, 401),
                new Call("a wrong token", "POST", "/api/maintenance/purge?dryRun=true", Map.of("Authorization", "Bearer nope"), null, 401),
                new Call("a model that exists", "POST", "/api/models", json, manual, 409),
                new Call("reactivating an unknown model", "POST", "/api/models/reactivate", json,
                        "{\"providerId\": \"contract\", \"modelId\": \"no-such\"}", 404),
                new Call("an unknown job", "GET", "/api/maintenance/runs?job=vacuum", Map.of(), null, 400),
                new Call("an unknown status", "GET", "/api/notifications?status=LOST", Map.of(), null, 400),
                new Call("hours not a number", "POST", "/api/maintenance/mark-stale?hours=soon", json, null, 400),
                new Call("a field a manual model does not take", "POST", "/api/models", json,
                        "{\"providerId\": \"contract\", \"modelId\": \"named\", \"name\": \"Named\"}", 400),
                new Call("a provider id that is no slug", "POST", "/api/models", json,
                        "{\"providerId\": \"Custom Space\", \"modelId\": \"m\"}", 400),
                new Call("deleting a provider that holds models", "DELETE", "/api/providers/contract",
                        Map.of("Authorization", "Bearer " + TOKEN), null, 409),
                new Call("deleting without a token", "DELETE", "/api/providers/contract", Map.of(), null, 401));
        List<String> violations = new ArrayList<>();
        for (Call call : errors) {
            violations.addAll(check(call));
        }
        assertThat(violations).isEmpty();
    }

    /**
     * The operations the docs show no successful request of, each sent once as a client would (a
     * full request, validated both ways); then every operation of the document has answered one
     * call with success, here or above.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void should_have_answered_every_operation_of_the_document_with_success() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
        // a provider row with no model: an empty feed
        Files.writeString(inbox.resolve("emptied_models.json"), "{\"object\": \"list\", \"data\": []}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.count("select count(*) from ingestion where file_name = 'emptied_models.json'") == 1);
        List<Call> successes = List.of(
                new Call("ingestions", "GET", "/api/ingestions?provider=openai&limit=5", Map.of(), null, null),
                new Call("fetches", "GET", "/api/fetches?limit=5", Map.of(), null, null),
                new Call("settings", "GET", "/api/settings", Map.of(), null, null),
                new Call("the outbox", "GET", "/api/notifications?status=PENDING&limit=5", Map.of(), null, null),
                new Call("a manual model", "POST", "/api/models", json, "{\"providerId\": \"contract\", \"modelId\": \"again\"}", null),
                new Call("reactivating it", "POST", "/api/models/reactivate", json,
                        "{\"providerId\": \"contract\", \"modelId\": \"again\"}", null),
                // no key in this environment: the fetch is recorded as skipped, nothing is sent anywhere
                new Call("a fetch", "POST", "/api/fetch?provider=openai", Map.of("Authorization", "Bearer " + TOKEN), null, null),
                new Call("a provider without models", "DELETE", "/api/providers/emptied", Map.of("Authorization", "Bearer " + TOKEN),
                        null, null));
        List<String> violations = new ArrayList<>();
        for (Call call : successes) {
            violations.addAll(check(call));
        }
        assertThat(violations).isEmpty();

        List<String> neverSucceeded = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> {
            Pattern template = Pattern.compile(Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            path.getValue().fieldNames().forEachRemaining(method -> {
                String operation = method.toUpperCase(java.util.Locale.ROOT) + " ";
                if (Set.of("GET ", "POST ", "PUT ", "PATCH ", "DELETE ").contains(operation) && SUCCEEDED.stream().noneMatch(done ->
                        done.startsWith(operation) && template.matcher(done.substring(operation.length())).matches())) {
                    neverSucceeded.add(operation + path.getKey());
                }
            });
        });
        assertThat(neverSucceeded).as("operations no call answered with success").isEmpty();
    }

    @Test
    void should_answer_paths_and_methods_the_document_lacks_in_json() throws Exception {
        Answer unknown = ApiClient.send(HttpRequest.newBuilder(service.url("/api/nothing-here")).build());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).contains("/api/nothing-here");
        Answer openAi = ApiClient.send(HttpRequest.newBuilder(service.url("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(openAi.status()).isEqualTo(404);
        assertThat(openAi.body().at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(openAi.body().at("/error/code").asText()).isEqualTo("unknown_url");
        Answer wrongMethod = ApiClient.send(HttpRequest.newBuilder(service.url("/api/stats"))
                .DELETE().build());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body().get("error").asText()).contains("GET");
    }

    /** Sends the call (and, for a GET, its HEAD); every violation of the document, named. */
    private static List<String> check(Call call) throws Exception {
        List<String> violations = new ArrayList<>();
        Answer answer = send(call);
        if (answer.status() < 400) {
            SUCCEEDED.add(call.method() + " " + URI.create("http://localhost" + call.pathAndQuery()).getRawPath());
        }
        String where = call.source() + ": " + call.method() + " " + call.pathAndQuery() + " -> " + answer.status();
        if (call.expected() != null && answer.status() != call.expected()) {
            violations.add(where + ": expected " + call.expected() + ", body " + answer.text());
        } else if (call.expected() == null && answer.status() >= 400 && !call.documented().contains(answer.status())) {
            violations.add(where + ": a documented request failed: " + answer.text());
        }
        violations.addAll(validate(call, answer, where));
        if (call.method().equals("GET")) {
            // HEAD is implied by the GET in the document (RFC 9110): the GET's status, no body
            Call head = new Call(call.source(), "HEAD", call.pathAndQuery(), call.headers(), null, call.expected(), call.documented());
            Answer headAnswer = head(head);
            if (headAnswer.status() != answer.status() || !headAnswer.text().isEmpty()) {
                violations.add(where + ": its HEAD answered " + headAnswer.status() + " with " + headAnswer.text().length()
                        + " characters of body");
            }
        }
        return violations;
    }

    private static List<String> validate(Call call, Answer answer, String where) {
        URI uri = URI.create("http://localhost" + call.pathAndQuery());
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(call.method()), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                request.withQueryParam(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        call.headers().forEach(request::withHeader);
        if (call.body() != null && answer.status() != 413) {
            request.withBody(call.body());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
        answer.headers().forEach((name, values) -> response.withHeader(name, values));
        if (!answer.text().isEmpty()) {
            response.withBody(answer.text());
        }
        // an error case's request breaks the document on purpose (as does a documented request the
        // docs show refused): only its answer is checked
        boolean refusedOnPurpose = call.expected() != null || (answer.status() >= 400 && call.documented().contains(answer.status()));
        ValidationReport report = !refusedOnPurpose ? validator.validate(request.build(), response.build())
                : validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(call.method()), response.build());
        return report.getMessages().stream().map(message -> where + ": " + message.getKey() + ": " + message.getMessage()).toList();
    }

    /**
     * HEAD through HttpURLConnection: the JDK's HttpClient reads on after a HEAD answer that has no
     * Content-Length (RFC 9110 allows that) and takes the connection's next bytes for its body.
     */
    private static Answer head(Call call) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) service.url(call.pathAndQuery()).toURL().openConnection();
        connection.setRequestMethod("HEAD");
        call.headers().forEach(connection::setRequestProperty);
        int status = connection.getResponseCode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, values);
            }
        });
        try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, null, text, headers);
        } finally {
            connection.disconnect();
        }
    }

    private static Answer send(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.url(call.pathAndQuery())).timeout(Duration.ofSeconds(30));
        call.headers().forEach(request::header);
        request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
        return ApiClient.send(request.build());
    }

    /** Every curl to the API (a path under /api/, /v1/, /export/ or /feeds/) in README.md and docs/*.md, as written there. */
    static List<Call> documentedRequests() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Call> calls = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher curl = CURL.matcher(lines.get(i));
                if (!curl.matches()) {
                    continue;
                }
                boolean transcript = lines.get(i).strip().startsWith("$ ");
                StringBuilder command = new StringBuilder(curl.group(1));
                while (command.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.toString().stripTrailing().length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                // a transcript's next line is what it printed: a status there was documented
                String printed = transcript && i + 1 < lines.size() ? lines.get(i + 1) : "";
                Call call = parse(file + ":" + (i + 1), command.toString(), transcript, printed);
                if (call != null) {
                    calls.add(call);
                }
            }
        }
        return calls;
    }

    /**
     * curl's options as the docs use them: -X, -H, -d and the URL; null when it is not the API. Any
     * bearer token is the service's. A POST in the README's examples sends the token (as the README
     * says to when GHOST_API_TOKEN is set); a transcript's request is sent exactly as shown.
     */
    private static Call parse(String source, String command, boolean transcript, String printed) {
        List<String> words = words(command);
        String method = null;
        String url = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String header = words.get(++i).replaceFirst("(?i)^(Authorization:\\s*Bearer\\s+).*", "$1" + TOKEN);
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                case "-d" -> body = words.get(++i);
                case "-w", "-o" -> i++;
                default -> {
                    if (!word.startsWith("-")) {
                        url = word;
                    }
                }
            }
        }
        if (url == null) {
            return null;
        }
        String pathAndQuery = url.replaceFirst("^(https?://)?[^/]+", "");
        if (!pathAndQuery.startsWith("/api/") && !pathAndQuery.startsWith("/v1/") && !pathAndQuery.startsWith("/export/")
                && !pathAndQuery.startsWith("/feeds/")) {
            return null;
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        if (method.equals("POST") && !transcript) {
            headers.putIfAbsent("Authorization", "Bearer " + TOKEN);
        }
        Set<Integer> documented = new TreeSet<>();
        Matcher status = STATUS.matcher(comment(command) + " " + printed);
        while (status.find()) {
            documented.add(Integer.parseInt(status.group(1)));
        }
        return new Call(source, method, pathAndQuery, headers, body, null, documented);
    }

    /** The shell comment ending the command: after a # outside quotes. */
    private static String comment(String command) {
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(command.charAt(i - 1)))) {
                return command.substring(i + 1);
            }
        }
        return "";
    }

    /** A shell command's words: quotes removed, a trailing # comment dropped. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
