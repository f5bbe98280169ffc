package dev.ghostrecords;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** The log as a log shipper reads it: GHOST_LOG_FORMAT=json, one ECS object a line; GHOST_LOG_LEVEL. */
class LogsIT {

    static TestDatabase.Database db;

    /** A role of its own, so the database password is a value unlike anything else a log holds. */
    private static final String DB_USER = "ghost_logs_test";
    private static final String DB_PASSWORD = "pg-4d1f8a2c";

    @BeforeAll
    static void database() throws Exception {
        TestDatabase.Database admin = TestDatabase.fresh();
        String name = admin.url().replaceFirst(".*/([^/?]+).*", "$1");
        try (var c = admin.connect(); var s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "';"
                    + " EXCEPTION WHEN duplicate_object THEN ALTER ROLE " + DB_USER + " PASSWORD '" + DB_PASSWORD + "'; END $$");
            // the owner of the database owns its public schema: the service's migrations can create tables
            s.execute("ALTER DATABASE " + name + " OWNER TO " + DB_USER);
        }
        db = new TestDatabase.Database(admin.url(), DB_USER, DB_PASSWORD);
    }

    @Test
    void should_write_one_ecs_json_object_a_line_until_it_has_stopped_when_the_format_is_json(@TempDir Path home)
            throws Exception {
        Path models = Files.createDirectories(home.resolve("models"));
        Files.writeString(models.resolve("acme_models.json"), "{\"data\":[{\"id\":\"m-1\"}]}");
        Files.writeString(models.resolve("broken_models.json"), "{\"data\":[{\"id\":");
        Map<String, String> env = Map.of("GHOST_LOG_FORMAT", "json", "GHOST_MODELS_DIR", models.toString(),
                "GHOST_HTTP_PORT", Integer.toString(freePort()), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()));
        try (GhostProcess service = GhostProcess.serve(db, env)) {
            await().atMost(Duration.ofSeconds(180)).until(() -> service.log().contains("status=FAILED")
                    && service.log().contains("status=OK"));
            service.terminate();

            List<String> lines = service.log().lines().toList();
            // the database, ready, two feeds, the stop's two lines
            assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                JsonNode event;
                try {
                    event = json.readTree(line);
                } catch (IOException e) {
                    fail("not a JSON line: " + line);
                    return;
                }
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.path("@timestamp").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(event.path("log.level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
                assertThat(event.path("ecs.version").asText()).as(line).isNotEmpty();
                assertThat(event.has("message")).as(line).isTrue();
                assertThat(event.path("log.logger").asText()).as(line).isNotEmpty();
            }
            assertThat(lines).anyMatch(l -> l.contains("\"log.level\":\"WARN\"") && l.contains("status=FAILED"));
            assertThat(lines).anyMatch(l -> l.contains("ghost-records shutting down"));
            assertThat(lines).anyMatch(l -> l.matches(".*ghost-records stopped in \\d+ ms.*"));
        }
    }

    /** What an operator reads of a start and a stop at INFO: a few lines, each of them true. */
    @Test
    void should_tell_a_start_and_a_stop_in_a_few_true_lines(@TempDir Path home) throws Exception {
        Path models = Files.createDirectories(home.resolve("models"));
        // entries 2 to 5 cannot be models
        Files.writeString(models.resolve("acme_models.json"),
                "[{\"id\": \"m-1\"}, {\"object\": \"model\"}, \"m-2\", {\"id\": \"models/\"}, {\"id\": \" \"}, {\"id\": \"m-3\"}]");
        int api = freePort();
        int management = freePort();
        Path data = home.resolve("data");
        Map<String, String> env = Map.of("GHOST_DATA_DIR", data.toString(), "GHOST_MODELS_DIR", models.toString(),
                "GHOST_HTTP_PORT", Integer.toString(api), "GHOST_MANAGEMENT_PORT", Integer.toString(management));
        String ready = "ghost-records ready: API http://127.0.0.1:" + api + ", page http://127.0.0.1:" + api
                + "/, metrics http://127.0.0.1:" + management + "/observe/metrics";
        String skipped = "provider=acme file=acme_models.json status=OK ingested=2"
                + " skipped=4 (entry 2: no id; entry 3: not an object; entry 4: blank id; ...)";

        // a new data folder: its PostgreSQL is made, not upgraded
        List<String> first = startAndStop(env, skipped);
        assertThat(first).as(String.join("\n", first)).allSatisfy(line -> assertThat(line).containsAnyOf(
                "New embedded PostgreSQL in " + data.resolve("postgres"), "Embedded PostgreSQL in " + data.resolve("postgres"),
                ready, skipped, "ghost-records shutting down", "ghost-records stopped in"));
        assertThat(first).filteredOn(line -> line.contains("New embedded PostgreSQL")).hasSize(1);
        assertThat(first).filteredOn(line -> line.endsWith(ready)).hasSize(1);
        assertThat(first).hasSize(6);

        // the same folder again: nothing new, nothing upgraded, no instance of the first run to recover
        List<String> second = startAndStop(env, ready);
        assertThat(second).as(String.join("\n", second)).allSatisfy(line -> assertThat(line).containsAnyOf(
                "Embedded PostgreSQL in " + data.resolve("postgres"), ready, "ghost-records shutting down",
                "ghost-records stopped in"));
        assertThat(second).hasSize(4);
        assertThat(second.get(3)).matches(".* INFO  \\[main\\] ghost-records - ghost-records stopped in \\d+ ms");
    }

    /** Starts serve, waits for {@code until} in its log, stops it with SIGTERM; its log's lines. */
    private static List<String> startAndStop(Map<String, String> env, String until) throws Exception {
        try (GhostProcess service = GhostProcess.serve(null, env)) {
            await().atMost(Duration.ofSeconds(180)).until(() -> service.log().contains(until)
                    && service.log().contains("ghost-records ready"));
            assertThat(service.terminate()).as(service.log()).isEqualTo(143);
            return service.log().lines().toList();
        }
    }

    @Test
    void should_print_only_its_one_line_when_a_setting_is_refused(@TempDir Path home) throws Exception {
        // refused before the database opens, and after it opened
        for (Map.Entry<String, String> wrong : Map.of("GHOST_HTTP_PORT", "abc", "GHOST_STALE_CRON", "@hourly").entrySet()) {
            Map<String, String> env = new HashMap<>(Map.of("GHOST_MODELS_DIR", home.toString(),
                    "GHOST_HTTP_PORT", Integer.toString(freePort()), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort())));
            env.put(wrong.getKey(), wrong.getValue());
            GhostProcess.Run run = GhostProcess.run(db, env, "serve");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).as(wrong.getKey()).isEmpty();
            assertThat(run.stderr().lines().toList()).as(wrong.getKey()).singleElement().asString()
                    .startsWith("ghost-records could not start: " + wrong.getKey() + "='" + wrong.getValue() + "'");
        }
    }

    @Test
    void should_refuse_a_log_format_or_level_it_does_not_know() throws Exception {
        GhostProcess.Run format = GhostProcess.run(db, Map.of("GHOST_LOG_FORMAT", "xml"), "stats");
        assertThat(format.exitCode()).isEqualTo(1);
        assertThat(format.stderr()).contains("GHOST_LOG_FORMAT='xml' must be text or json");

        GhostProcess.Run level = GhostProcess.run(db, Map.of("GHOST_LOG_LEVEL", "loud"), "serve");
        assertThat(level.exitCode()).isEqualTo(1);
        assertThat(level.stderr()).contains("GHOST_LOG_LEVEL='loud' must be one of");
    }

    @Test
    void should_keep_commands_quiet_unless_a_log_level_is_set() throws Exception {
        GhostProcess.Run quiet = GhostProcess.run(db, Map.of(), "stats");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.stderr()).doesNotContain(" INFO ");

        GhostProcess.Run chatty = GhostProcess.run(db, Map.of("GHOST_LOG_LEVEL", "info"), "stats");
        assertThat(chatty.exitCode()).isZero();
        assertThat(chatty.stderr()).contains(" INFO ").contains("PostgreSQL at");
        assertThat(chatty.stdout()).startsWith("Models: ");
    }

    /** Every secret setting, each value unlike anything else a log holds. */
    private static final Map<String, String> SECRETS = Map.of(
            "GHOST_API_TOKEN", "tok-7f3a1c9e",
            "GHOST_WEBHOOK_SECRET", "whsec_5d2b8e41NWQyYjhlNDFjMGZmZWU1ZDJiOGU0MWMwZmZlZQ==",
            // a webhook URL may carry credentials and a token
            "GHOST_WEBHOOK_URLS", "http://hook-user:pw-9c4e2a7b@127.0.0.1:9/hook?token=qt-1e8d6f30",
            "OPENAI_API_KEY", "sk-0b7c3d5e");
    private static final List<String> SECRET_VALUES = List.of("tok-7f3a1c9e", "5d2b8e41NWQyYjhlNDFjMGZmZWU1ZDJiOGU0MWMwZmZlZQ", "pw-9c4e2a7b",
            "qt-1e8d6f30", "sk-0b7c3d5e", DB_PASSWORD);

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "TRACE"})
    void should_print_no_secret_at_any_log_level(String level) throws Exception {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("GHOST_LOG_LEVEL", level);
        GhostProcess.Run run = GhostProcess.run(db, env, "stats");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines().count()).as("%s logs", level).isGreaterThan(100);
        assertNoSecret(run.stdout() + run.stderr(), level + " stats");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "TRACE"})
    void should_print_no_secret_while_serving(String level, @TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(SECRETS);
        int port = freePort();
        env.putAll(Map.of("GHOST_LOG_LEVEL", level, "GHOST_MODELS_DIR", home.toString(),
                "GHOST_HTTP_PORT", Integer.toString(port), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()),
                "GHOST_WEBHOOK_POLL_DELAY", "200"));
        try (GhostProcess service = GhostProcess.serve(db, env)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest test = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/test"))
                    .header("Authorization", "Bearer tok-7f3a1c9e").POST(HttpRequest.BodyPublishers.noBody()).build();
            // a POST with the token, and a delivery tried to the webhook (nothing listens there)
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> http.send(test, HttpResponse.BodyHandlers.discarding()).statusCode() == 202);
            HttpRequest outbox = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications")).build();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    http.send(outbox, HttpResponse.BodyHandlers.ofString()).body().contains("\"lastAttemptAt\":\""));
            service.terminate();
            assertNoSecret(service.log(), level + " serve");
        }
    }

    private static void assertNoSecret(String log, String what) {
        for (String secret : SECRET_VALUES) {
            assertThat(log).as(what + " holds no " + secret).doesNotContain(secret);
        }
    }
}
