package dev.ghostrecords.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox survives a crash: kill -9 after the change commits and before delivery, then restart. */
class WebhookRestartIT {

    @TempDir
    Path inbox;
    @TempDir
    Path data;

    @Test
    void should_deliver_exactly_the_queued_notifications_after_a_kill_9_and_a_restart() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int port = freePort();
            // the first process polls the outbox only after an hour: it dies with everything queued
            try (GhostProcess first = GhostProcess.serve(db, env(port, receiver, "3600000"))) {
                awaitUp(first, port);
                drop("alpha_models.json", "{\"data\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}");
                drop("beta_models.json", "{\"data\": [{\"id\": \"b1\"}]}");
                await().atMost(Duration.ofSeconds(60)).until(() -> ids(db).size() == 2);
                first.kill();
            }
            List<String> queued = ids(db);
            assertThat(receiver.received()).isEmpty();

            try (GhostProcess second = GhostProcess.serve(db, env(port, receiver, "200"))) {
                awaitUp(second, port);
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 2);
                Thread.sleep(1500);
                assertThat(receiver.received().stream().map(r -> r.header("webhook-id")))
                        .containsExactlyInAnyOrderElementsOf(queued);
                assertThat(receiver.received().stream().map(r -> r.json().get("text").asText()))
                        .containsExactlyInAnyOrder("alpha: 2 new models: a1, a2", "beta: new model: b1");
            }
        }
    }

    @Test
    void should_exit_1_naming_the_variable_when_a_webhook_setting_is_wrong() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        GhostProcess.Run url = GhostProcess.run(db, Map.of("GHOST_WEBHOOK_URLS", "hooks.example/T/secret-path"), "stats");
        assertThat(url.exitCode()).isEqualTo(1);
        assertThat(url.stderr()).contains("GHOST_WEBHOOK_URLS").doesNotContain("secret-path");
        GhostProcess.Run kind = GhostProcess.run(db, Map.of("GHOST_WEBHOOK_URLS", "https://hooks.example/h",
                "GHOST_WEBHOOK_KINDS", "model.discovered,model.lost"), "stats");
        assertThat(kind.exitCode()).isEqualTo(1);
        assertThat(kind.stderr()).contains("GHOST_WEBHOOK_KINDS").contains("model.lost");
        // an old-style hex secret: one line saying how to make one, without the value
        GhostProcess.Run secret = GhostProcess.run(db, Map.of("GHOST_WEBHOOK_URLS", "https://hooks.example/h",
                "GHOST_WEBHOOK_SECRET", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"), "serve");
        assertThat(secret.exitCode()).isEqualTo(1);
        assertThat(secret.stderr().lines().toList()).as(secret.stderr()).singleElement().asString()
                .startsWith("ghost-records could not start: GHOST_WEBHOOK_SECRET must be whsec_")
                .contains("echo \"whsec_$(openssl rand -base64 32)\"").doesNotContain("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    }

    private Map<String, String> env(int port, WebhookReceiver receiver, String pollDelay) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("GHOST_MODELS_DIR", inbox.toString(),
                "GHOST_DATA_DIR", data.toString(), "GHOST_HTTP_PORT", Integer.toString(port),
                "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()),
                "GHOST_MODELS_POLL_DELAY", "200", "GHOST_MODELS_QUIET_PERIOD", "200",
                "GHOST_WEBHOOK_URLS", receiver.url("/hook"), "GHOST_WEBHOOK_POLL_DELAY", pollDelay));
        env.put("GHOST_WEBHOOK_SCAN_DELAY", "3600000");
        return env;
    }

    private void drop(String name, String content) throws IOException {
        Path aside = Files.writeString(inbox.resolve("." + name), content);
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> ids(TestDatabase.Database db) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from notification order by id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void awaitUp(GhostProcess process, int port) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(process.isAlive()).as(process.log()).isTrue();
            try {
                return ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stats")).build())
                        .status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
