package dev.ghostrecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** The log as a log shipper reads it: GHOST_LOG_FORMAT=json, one ECS object a line; GHOST_LOG_LEVEL. */
class LogsIT {

    static TestDatabase.Database db;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
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
            assertThat(lines).hasSizeGreaterThan(10);
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
}
