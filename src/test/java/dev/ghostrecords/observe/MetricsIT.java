package dev.ghostrecords.observe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** /observe/metrics as Prometheus scrapes it from the running service, on a real PostgreSQL. */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");
    private static final List<String> GHOST_SERIES = List.of("ghost_feeds_total", "ghost_feeds_models_ingested_total",
            "ghost_provider_last_fresh_feed_seconds", "ghost_maintenance_deactivated_total",
            "ghost_maintenance_held_total", "ghost_maintenance_purged_total", "ghost_inference_events_recorded_total",
            "ghost_database_up", "ghost_stale_after_seconds", "ghost_notifications_delivered_total",
            "ghost_notifications_retried_total", "ghost_notifications_dead_total");

    @TempDir
    Path inbox;

    @Test
    void should_count_feeds_per_provider_from_zero_and_export_freshness_jvm_and_pool_when_scraped() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        try (RunningService service = RunningService.start(db, inbox)) {
            // an empty catalog: the series without a provider are there already
            assertThat(samples(scrape(service))).containsEntry("ghost_inference_events_recorded_total", 0.0)
                    .containsEntry("ghost_database_up", 1.0)
                    .containsEntry("ghost_stale_after_seconds", 24 * 3600.0)
                    // no webhook has failed yet: the series an alert on dead notifications needs, at 0
                    .containsEntry("ghost_notifications_delivered_total", 0.0)
                    .containsEntry("ghost_notifications_retried_total", 0.0)
                    .containsEntry("ghost_notifications_dead_total", 0.0);

            Files.writeString(inbox.resolve("x_models_1.json"), "{\"data\": [{\"id\": \"x-1\"}, {\"id\": \"x-2\"}]}");
            awaitIngestion(service, "x_models_1.json");
            // a new provider: all its series at once, the failure counter at 0 before any failure
            Map<String, Double> afterOk = awaitSample(service, "ghost_feeds_total{provider=\"x\",status=\"OK\"}", 1.0);
            assertThat(afterOk).containsEntry("ghost_feeds_total{provider=\"x\",status=\"FAILED\"}", 0.0)
                    .containsEntry("ghost_feeds_total{provider=\"x\",status=\"EMPTY\"}", 0.0)
                    .containsEntry("ghost_feeds_models_ingested_total{provider=\"x\"}", 2.0)
                    .containsEntry("ghost_maintenance_deactivated_total{provider=\"x\"}", 0.0)
                    .containsEntry("ghost_maintenance_held_total{provider=\"x\"}", 0.0)
                    .containsEntry("ghost_maintenance_purged_total{provider=\"x\"}", 0.0);
            String text = scrape(service);
            for (String series : GHOST_SERIES) {
                assertThat(text).as("HELP of " + series).containsPattern("(?m)^# HELP " + series + " \\S.*$");
            }
            double lastIndexAt = ((Number) service.value("select extract(epoch from last_index_at) from provider where id = 'x'"))
                    .doubleValue();
            assertThat(afterOk.get("ghost_provider_last_fresh_feed_seconds{provider=\"x\"}")).as("provider.last_index_at")
                    .isCloseTo(lastIndexAt, within(1e-5));

            Files.writeString(inbox.resolve("x_models_2.json"), "{\"data\": [{\"id\": \"x-1\"}");
            awaitIngestion(service, "x_models_2.json");
            Map<String, Double> afterFailure = awaitSample(service,
                    "ghost_feeds_total{provider=\"x\",status=\"FAILED\"}", 1.0);
            assertThat(afterFailure).containsEntry("ghost_feeds_total{provider=\"x\",status=\"OK\"}", 1.0);

            // the JVM's and the pool's own series
            assertThat(afterFailure.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
                    .anyMatch(k -> k.startsWith("jvm_gc_"))
                    .anyMatch(k -> k.startsWith("jvm_threads_live_threads"))
                    .anyMatch(k -> k.startsWith("jvm_classes_loaded_classes"))
                    .contains("process_cpu_usage", "system_cpu_usage")
                    .contains("hikaricp_connections_active{pool=\"catalog\"}", "hikaricp_connections_max{pool=\"catalog\"}",
                            "hikaricp_connections_timeout_total{pool=\"catalog\"}");

            // inference events: counted once committed; a provider first seen through them gets its series
            ApiClient api = new ApiClient(service, "unused");
            assertThat(api.post("/api/inference-events", "[{\"providerId\": \"inf\", \"modelId\": \"m-1\"},"
                    + " {\"providerId\": \"inf\", \"modelId\": \"m-2\"}]").status()).isEqualTo(200);
            Map<String, Double> afterEvents = awaitSample(service, "ghost_feeds_total{provider=\"inf\",status=\"FAILED\"}", 0.0);
            assertThat(afterEvents).containsEntry("ghost_inference_events_recorded_total", 2.0)
                    .doesNotContainKey("ghost_provider_last_fresh_feed_seconds{provider=\"inf\"}");
            checkExposition(scrape(service));
        }
    }

    @Test
    void should_export_the_series_of_providers_in_the_catalog_when_the_service_starts() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        try (RunningService service = RunningService.start(db, inbox)) {
            Files.writeString(inbox.resolve("y_models_1.json"), "{\"data\": [{\"id\": \"y-1\"}]}");
            awaitIngestion(service, "y_models_1.json");
        }
        Files.delete(inbox.resolve("y_models_1.json"));
        try (RunningService service = RunningService.start(db, inbox)) {
            // the first scrape, no waiting: the catalog's providers are read before the port answers
            Map<String, Double> atStart = samples(scrape(service));
            assertThat(atStart).containsEntry("ghost_feeds_total{provider=\"y\",status=\"FAILED\"}", 0.0)
                    .containsEntry("ghost_feeds_total{provider=\"y\",status=\"OK\"}", 0.0)
                    .containsEntry("ghost_maintenance_held_total{provider=\"y\"}", 0.0);
            double lastIndexAt = ((Number) service.value("select extract(epoch from last_index_at) from provider where id = 'y'"))
                    .doubleValue();
            assertThat(atStart.get("ghost_provider_last_fresh_feed_seconds{provider=\"y\"}")).isCloseTo(lastIndexAt, within(1e-5));
        }
    }

    @Test
    void should_count_held_and_deactivated_models_per_provider_when_mark_stale_runs() throws Exception {
        try (RunningService service = RunningService.start(TestDatabase.fresh(), inbox)) {
            ApiClient api = new ApiClient(service, "unused");
            Files.writeString(inbox.resolve("z_models_1.json"), "{\"data\": [{\"id\": \"z-1\"}, {\"id\": \"z-2\"}]}");
            awaitIngestion(service, "z_models_1.json");
            // both models unseen for two days, after which a fresh feed came: all of z would go, so the guard holds
            service.execute("update model set last_seen_at = now() - interval '48 hours' where provider_id = 'z'");
            assertThat(api.post("/api/maintenance/mark-stale?dryRun=true", "").body().get("held").asInt()).isEqualTo(2);
            assertThat(samples(scrape(service))).as("a dry run counts nothing")
                    .containsEntry("ghost_maintenance_held_total{provider=\"z\"}", 0.0);
            assertThat(api.post("/api/maintenance/mark-stale", "").body().get("held").asInt()).isEqualTo(2);
            Map<String, Double> held = awaitSample(service, "ghost_maintenance_held_total{provider=\"z\"}", 2.0);
            assertThat(held).containsEntry("ghost_maintenance_deactivated_total{provider=\"z\"}", 0.0);

            assertThat(api.post("/api/maintenance/mark-stale?force=true&provider=z", "").body().get("deactivated").asInt())
                    .isEqualTo(2);
            awaitSample(service, "ghost_maintenance_deactivated_total{provider=\"z\"}", 2.0);
        }
    }

    @Test
    void should_report_the_database_down_when_postgresql_goes_away() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        try (RunningService service = RunningService.start(db, inbox)) {
            awaitSample(service, "ghost_database_up", 1.0);
            String name = db.url().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
            // the catalog's database vanishes under the running service, connections and all
            try (var admin = java.sql.DriverManager.getConnection(db.url().replace("/" + name, "/postgres"), db.user(),
                    db.password()); var statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(samples(scrape(service))).containsEntry("ghost_database_up", 0.0));
        }
    }

    private static void awaitIngestion(RunningService service, String fileName) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> service.count("select count(*) from ingestion where file_name = ?", fileName) >= 1);
    }

    private static Map<String, Double> awaitSample(RunningService service, String key, double value) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> samples(scrape(service)),
                samples -> Double.valueOf(value).equals(samples.get(key)));
    }

    static String scrape(RunningService service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.managementUrl("/observe/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** {@code name{labels}} (as exposed: labels sorted by name) -> value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return samples;
    }

    /** Prometheus's own linter on the ghost_* families, when promtool is installed (.ci/run installs it). */
    private static void checkExposition(String exposition) throws Exception {
        if (Promtool.find().isEmpty()) {
            return;
        }
        String ghost = exposition.lines().filter(l -> l.matches("^(# (HELP|TYPE) )?ghost_.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        Promtool.Result result = Promtool.run(ghost, "check", "metrics");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
