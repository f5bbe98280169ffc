package dev.ghostrecords.fetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code fetch} as a user runs it: its own process, keys in its environment, and settings refused at start. */
class FetchCommandIT {

    static final String KEY = "sk-test-cli-0c4f8a2e9b7d1356";

    @TempDir
    Path home;
    WireMockServer stub;
    TestDatabase.Database db;
    Path providers;
    Map<String, String> env;

    @BeforeEach
    void stub() throws Exception {
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
        stub.stubFor(get(urlPathEqualTo("/openai/v1/models"))
                .willReturn(okJson("{\"object\": \"list\", \"data\": [{\"id\": \"gpt-a\"}, {\"id\": \"gpt-b\"}, {\"id\": \"gpt-c\"}]}")));
        stub.stubFor(get(urlPathEqualTo("/down/v1/models")).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        providers = Files.writeString(home.resolve("providers.yaml"), """
                providers:
                  - {id: openai,    kind: openai,    baseUrl: "http://127.0.0.1:%1$d/openai/v1", keyEnv: OPENAI_API_KEY}
                  - {id: anthropic, kind: anthropic, baseUrl: "http://127.0.0.1:%1$d/anthropic/v1", keyEnv: ANTHROPIC_API_KEY}
                  - {id: down,      kind: openai,    baseUrl: "http://127.0.0.1:%1$d/down/v1", keyEnv: OPENAI_API_KEY}
                """.formatted(stub.port()));
        db = TestDatabase.fresh();
        env = new HashMap<>(Map.of("GHOST_PROVIDERS_FILE", providers.toString(),
                "GHOST_MODELS_DIR", Files.createDirectories(home.resolve("models")).toString(),
                "GHOST_FETCH_BACKOFF_MS", "20", "OPENAI_API_KEY", KEY, "ANTHROPIC_API_KEY", ""));
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    @Test
    void should_print_a_line_per_provider_then_the_statistics_and_exit_1_when_one_failed() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, env, "fetch");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout())
                .containsPattern("(?m)^openai: OK 3 models -> openai_models_\\d{8}T\\d{6}Z\\.json$")
                .contains("anthropic: SKIPPED (ANTHROPIC_API_KEY not set)")
                .containsPattern("(?m)^down: FAILED page 1 \\(GET http://127\\.0\\.0\\.1:\\d+/down/v1/models\\): HTTP 502: Bad Gateway \\(4 attempts\\)$")
                .contains("Models: 3 total, 3 active, 0 inactive");
        assertThat(run.stdout() + run.stderr()).doesNotContain(KEY);
        try (var files = Files.list(home.resolve("models"))) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("openai_models_");
        }
    }

    @Test
    void should_fetch_one_provider_and_exit_0() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, env, "fetch", "--provider", "openai");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("openai: OK 3 models").doesNotContain("anthropic:", "down:");
        assertThat(stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/openai/v1/models"))))
                .singleElement().satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
    }

    @Test
    void should_refuse_an_unknown_provider_clearly() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, env, "fetch", "--provider", "mistral");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("unknown provider 'mistral': the providers file lists openai, anthropic, down");
    }

    @Test
    void should_use_the_shipped_providers_file_by_default() throws Exception {
        Map<String, String> defaults = new HashMap<>(env);
        defaults.remove("GHOST_PROVIDERS_FILE");
        defaults.put("OPENAI_API_KEY", "");
        GhostProcess.Run run = GhostProcess.run(db, defaults, "fetch", "--provider", "openai");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("openai: SKIPPED (OPENAI_API_KEY not set)");
    }

    @Test
    void should_refuse_to_start_with_a_providers_file_or_fetch_setting_that_cannot_be_used() throws Exception {
        Map<String, String> missing = new HashMap<>(env);
        missing.put("GHOST_PROVIDERS_FILE", home.resolve("nope.yaml").toString());
        GhostProcess.Run noFile = GhostProcess.run(db, missing, "serve");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.stderr()).contains("GHOST_PROVIDERS_FILE='" + home.resolve("nope.yaml") + "': no such file");

        Files.writeString(providers, "providers:\n  - {id: x, kind: openai, baseUrl: 'http://127.0.0.1:1/v1', keyEnv: K}\n"
                + "  - {id: y, kind: bedrock, baseUrl: 'http://127.0.0.1:1/v1', keyEnv: K}\n");
        GhostProcess.Run badKind = GhostProcess.run(db, env, "fetch");
        assertThat(badKind.exitCode()).isEqualTo(1);
        assertThat(badKind.stderr()).contains("providers file " + providers + ": entry 2 (id: y): unknown kind 'bedrock'");

        for (Map.Entry<String, String> bad : Map.of("GHOST_FETCH_ATTEMPTS", "0", "GHOST_FETCH_BACKOFF_MS", "soon",
                "GHOST_FETCH_TIMEOUT_MS", "-1", "GHOST_FETCH_KEEP", "many", "GHOST_FETCH_CRON", "every hour").entrySet()) {
            Map<String, String> wrong = new HashMap<>(env);
            wrong.put(bad.getKey(), bad.getValue());
            GhostProcess.Run run = GhostProcess.run(db, wrong, "fetch");
            assertThat(run.exitCode()).as(bad.getKey()).isEqualTo(1);
            assertThat(run.stderr()).as(bad.getKey()).contains(bad.getKey() + "='" + bad.getValue() + "' must be");
        }
    }
}
