package dev.ghostrecords.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas (two JVMs) on one PostgreSQL and one folder, both scheduled to fetch every 2 seconds. */
class FetchClusterIT {

    @TempDir
    Path home;

    @Test
    void should_fetch_once_per_tick_across_two_replicas() throws Exception {
        WireMockServer stub = new WireMockServer(options().dynamicPort());
        stub.start();
        try {
            stub.stubFor(get(urlPathEqualTo("/api/tags")).willReturn(okJson("{\"models\": [{\"name\": \"llama3.2:latest\"}]}")));
            Path providers = Files.writeString(home.resolve("providers.yaml"),
                    "providers:\n  - {id: local, kind: ollama, baseUrl: 'http://127.0.0.1:" + stub.port() + "'}\n");
            Path inbox = Files.createDirectories(home.resolve("models"));
            TestDatabase.Database db = TestDatabase.fresh();
            int portA = freePort();
            int portB = freePort();
            try (GhostProcess a = GhostProcess.serve(db, replica(portA, inbox, providers, home.resolve("a")));
                 GhostProcess b = GhostProcess.serve(db, replica(portB, inbox, providers, home.resolve("b")))) {
                awaitUp(a, portA);
                awaitUp(b, portB);
                await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "select count(distinct instance_name) from qrtz_scheduler_state") == 2);
                // ticks that came due while the first replica was starting fire back to back (later than
                // Quartz's misfire threshold they would be dropped): measure once they are through
                Thread.sleep(8_000);
                long startedAt = System.nanoTime();
                long before = count(db, "select count(*) from \"fetch\"");
                long firstId = count(db, "select coalesce(max(id), 0) from \"fetch\"");
                Thread.sleep(12_000); // six ticks, with both replicas up
                long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + 1;
                long fetches = count(db, "select count(*) from \"fetch\"") - before;

                assertThat(fetches).as("one fetch per 2-second tick, not one per replica").isBetween(3L, seconds / 2 + 1);
                List<Long> gaps = gaps(db, firstId);
                assertThat(gaps).as("no two fetches in one tick (ms between starts)").allSatisfy(gap -> assertThat(gap).isGreaterThan(1000));
                assertThat(count(db, "select count(*) from \"fetch\" where status <> 'OK'")).isZero();
                assertThat((long) stub.findAll(getRequestedFor(urlPathEqualTo("/api/tags"))).size())
                        .isEqualTo(count(db, "select count(*) from \"fetch\""));
                // two fetches in one second (the start-up burst) rewrite one file name: a new version, ingested again
                assertThat(count(db, "select count(*) from ingestion")).as("each fetched file version ingested once")
                        .isEqualTo(count(db, "select count(*) from (select distinct file_name, file_size, file_modified_at from ingestion) v"));
                assertThat(count(db, "select count(*) from qrtz_triggers where trigger_group = 'fetch'")).as("one shared trigger")
                        .isEqualTo(1);
                assertThat(a.isAlive() && b.isAlive()).isTrue();
            }
        } finally {
            stub.stop();
        }
    }

    private static Map<String, String> replica(int port, Path inbox, Path providers, Path data) throws IOException {
        return Map.of("GHOST_MODELS_DIR", inbox.toString(), "GHOST_DATA_DIR", data.toString(),
                "GHOST_HTTP_PORT", Integer.toString(port), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()),
                "GHOST_PROVIDERS_FILE", providers.toString(), "GHOST_FETCH_CRON", "*/2 * * * * ?",
                "GHOST_STALE_CRON", "0 0 0 1 1 ? 2099", "GHOST_PURGE_CRON", "0 0 0 1 1 ? 2099",
                "GHOST_MODELS_POLL_DELAY", "200", "GHOST_MODELS_QUIET_PERIOD", "200");
    }

    private static List<Long> gaps(TestDatabase.Database db, long fromId) throws Exception {
        List<Long> gaps = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select (extract(epoch from started_at - lag(started_at) over (order by started_at)) * 1000)::bigint"
                        + " from \"fetch\" where id >= ? order by started_at")) {
            s.setLong(1, fromId);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                long gap = rs.getLong(1);
                if (!rs.wasNull()) {
                    gaps.add(gap);
                }
            }
        }
        return gaps;
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

    private static long count(TestDatabase.Database db, String sql) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
