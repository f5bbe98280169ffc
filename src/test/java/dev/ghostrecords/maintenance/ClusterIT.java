package dev.ghostrecords.maintenance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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

/** Two replicas (two JVMs) on one PostgreSQL and one watched folder, mark-stale firing every second. */
class ClusterIT {

    @TempDir
    Path inbox;
    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    @Test
    void should_run_each_tick_once_and_ingest_each_file_once_across_two_replicas() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        int portA = freePort();
        int portB = freePort();
        try (GhostProcess a = GhostProcess.serve(db, replica(portA, dataA));
             GhostProcess b = GhostProcess.serve(db, replica(portB, dataB))) {
            awaitUp(a, portA);
            awaitUp(b, portB);

            for (int i = 0; i < 20; i++) {
                Path aside = Files.writeString(inbox.resolve(".c" + i), "{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}");
                Files.move(aside, inbox.resolve("c" + i + "_models.json"), StandardCopyOption.ATOMIC_MOVE);
            }
            for (int i = 0; i < 30; i++) {
                int port = i % 2 == 0 ? portA : portB;
                assertThat(post(port, "{\"providerId\": \"rt\", \"modelId\": \"r" + i + "\"}")).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "select count(*) from ingestion") == 20);
            assertThat(count(db, "select count(distinct instance_name) from qrtz_scheduler_state")).isEqualTo(2);

            long before = count(db, "select count(*) from maintenance_run where job = 'mark-stale'");
            long startedAt = System.nanoTime();
            execute(db, "update model set last_seen_at = now() - interval '3 days' where provider_id = 'rt'");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(db,
                    "select count(*) from model where provider_id = 'rt' and is_active") == 0);
            Thread.sleep(4000); // more ticks, on both replicas, with nothing left to do
            long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + 1;
            long runs = count(db, "select count(*) from maintenance_run where job = 'mark-stale'") - before;

            assertThat(count(db, "select count(*) from ingestion")).as("each file version once").isEqualTo(20);
            assertThat(count(db, "select count(*) from model where provider_id = 'rt'")).isEqualTo(30);
            assertThat(count(db, "select count(*) from model_event where provider_id = 'rt' and kind = 'DEACTIVATED'"))
                    .as("each model deactivated once").isEqualTo(30);
            assertThat(runs).as("one run per one-second tick, not one per replica").isBetween(2L, seconds + 1);
            assertThat(a.isAlive() && b.isAlive()).isTrue();
        }
    }

    private Map<String, String> replica(int port, Path data) throws IOException {
        return Map.of("GHOST_MODELS_DIR", inbox.toString(), "GHOST_DATA_DIR", data.toString(),
                "GHOST_HTTP_PORT", Integer.toString(port), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()),
                "GHOST_STALE_CRON", "* * * * * ?", "GHOST_PURGE_CRON", "0 0 0 1 1 ? 2099",
                "GHOST_MODELS_POLL_DELAY", "200", "GHOST_MODELS_QUIET_PERIOD", "200");
    }

    private static void awaitUp(GhostProcess replica, int port) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(replica.isAlive()).as(replica.log()).isTrue();
            try {
                return ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stats")).build())
                        .status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int post(int port, String json) throws Exception {
        return ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inference-events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build()).status();
    }

    private static long count(TestDatabase.Database db, String sql) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestDatabase.Database db, String sql) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
