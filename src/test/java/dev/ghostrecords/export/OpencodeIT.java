package dev.ghostrecords.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The models.dev export read by the real client: opencode (pinned, installed from npm into target/)
 * with OPENCODE_MODELS_URL pointing at the service lists and prices the catalog's active models.
 * Skipped, saying why, where node and npm are not installed.
 */
class OpencodeIT {

    static final String VERSION = "1.18.33";
    static final Path OPENCODE = Path.of("target/opencode/node_modules/.bin/opencode");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path inbox;
    @TempDir
    static Path home;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        for (String feed : List.of("openai", "google", "anthropic", "openrouter")) {
            Files.copy(Path.of("latest_models/" + feed + "_models_2026-11-20.json"), inbox.resolve(feed + "_models_2026-11-20.json"));
        }
        Files.writeString(inbox.resolve("litellm_models_1.json"), ExportIT.LITELLM_MAP);
        Files.writeString(inbox.resolve("acme-labs_models_1.json"), """
                {"data": [{"id": "acme-1", "display_name": "Acme One", "context_length": 32000, "max_output_tokens": 4000,
                           "pricing": {"prompt": "0.000001", "completion": "0.000003"}},
                          {"id": "acme-retiring", "context_length": 8000, "deprecated": true}]}
                """);
        service = RunningService.start(TestDatabase.fresh(), inbox);
        await().atMost(Duration.ofSeconds(60)).until(() -> service.count("select count(*) from ingestion") == 6);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_list_and_price_every_active_model_in_opencode() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed: opencode cannot run here");
        if (!Files.isExecutable(OPENCODE)) {
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", "target/opencode",
                    "opencode-ai@" + VERSION), networkSettings(), 300);
            // node is here, so the registry should be too: a failed install fails the test, it does not hide it
            assertThat(Files.isExecutable(OPENCODE)).as("npm installed opencode-ai@" + VERSION + ": " + install.out()).isTrue();
        }
        JsonNode doc = new ApiClient(service, null).get("/export/models.dev/api.json").body();
        Map<String, String> env = new HashMap<>();
        // opencode lists a provider only when its key variable is set
        doc.elements().forEachRemaining(p -> p.get("env").forEach(v -> env.put(v.asText(), "dummy")));
        env.put("OPENCODE_MODELS_URL", service.url("/export/models.dev").toString());

        Result listed = run(List.of(OPENCODE.toString(), "models", "--refresh"), env, 120);
        assertThat(listed.exit()).as(listed.out()).isZero();
        Set<String> expected = new HashSet<>();
        Set<String> deprecated = new HashSet<>();
        doc.fields().forEachRemaining(p -> p.getValue().get("models").fields().forEachRemaining(m ->
                (m.getValue().has("status") ? deprecated : expected).add(p.getKey() + "/" + m.getKey())));
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(deprecated).contains("acme-labs/acme-retiring");
        // every active model; opencode itself hides the ones models.dev calls deprecated
        assertThat(modelLines(listed.out())).containsExactlyInAnyOrderElementsOf(expected);

        for (Map.Entry<String, JsonNode> provider : iterable(doc)) {
            Result verbose = run(List.of(OPENCODE.toString(), "models", provider.getKey(), "--verbose"), env, 120);
            assertThat(verbose.exit()).as(verbose.out()).isZero();
            Map<String, JsonNode> shown = verboseModels(verbose.out());
            for (Map.Entry<String, JsonNode> model : iterable(provider.getValue().get("models"))) {
                String id = provider.getKey() + "/" + model.getKey();
                if (deprecated.contains(id)) {
                    continue;
                }
                JsonNode ours = model.getValue();
                JsonNode theirs = shown.get(id);
                assertThat(theirs).as(id).isNotNull();
                JsonNode cost = ours.get("cost");
                assertThat(theirs.get("cost").get("input").decimalValue()).as(id + " input per million")
                        .isEqualByComparingTo(cost == null ? "0" : cost.get("input").asText());
                assertThat(theirs.get("cost").get("output").decimalValue()).as(id + " output per million")
                        .isEqualByComparingTo(cost == null ? "0" : cost.get("output").asText());
                assertThat(theirs.get("limit").get("context").asLong()).as(id).isEqualTo(ours.get("limit").get("context").asLong());
                assertThat(theirs.get("limit").get("output").asLong()).as(id).isEqualTo(ours.get("limit").get("output").asLong());
                assertThat(theirs.get("name").asText()).as(id).isEqualTo(ours.get("name").asText());
            }
        }
    }

    /** {@code provider/model} lines; the rest ("Models cache refreshed") is opencode's chatter. */
    static Set<String> modelLines(String out) {
        Set<String> lines = new HashSet<>();
        for (String line : out.split("\n")) {
            if (line.matches("[a-z0-9][a-z0-9._-]*/\\S.*")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** --verbose prints each model's line, then its JSON (closed by a "}" alone on its line). */
    static Map<String, JsonNode> verboseModels(String out) throws IOException {
        Map<String, JsonNode> models = new HashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : out.split("\n")) {
            if (current == null) {
                if (line.matches("[a-z0-9][a-z0-9._-]*/\\S.*")) {
                    current = line.strip();
                    body.setLength(0);
                }
                continue;
            }
            body.append(line).append('\n');
            if (line.equals("}")) {
                models.put(current, JSON.readTree(body.toString()));
                current = null;
            }
        }
        return models;
    }

    record Result(int exit, String out) {
    }

    /** The machine's way to the npm registry (proxy, certificate authorities), which npm needs. */
    static Map<String, String> networkSettings() {
        Map<String, String> settings = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (key.endsWith("_proxy") || key.startsWith("npm_config_") || key.equals("node_extra_ca_certs")
                    || key.equals("ssl_cert_file")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** Runs with a home of its own (opencode's config, cache and data under it) and only the given variables. */
    static Result run(List<String> command, Map<String, String> variables, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("NO_COLOR", "1");
        env.putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + seconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static List<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        object.fields().forEachRemaining(entries::add);
        return entries;
    }
}
