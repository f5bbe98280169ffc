package dev.ghostrecords.maintenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle over days, compressed: time moves by writing timestamps back, runs go through the
 * real API (and once the CLI), outcomes are read in PostgreSQL. Stale after 24 h, guard 50 %, purge 30 d.
 */
class MaintenanceIT {

    @TempDir
    static Path inbox;
    static TestDatabase.Database db;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh();
        service = new RunningService(db, inbox, Map.of("ghost.stale.after-hours", "24", "ghost.stale.max-fraction", "0.5",
                "ghost.purge.after-days", "30", "ghost.api.token", "t0ken")).start();
        api = new ApiClient(service, "t0ken");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_keep_the_catalog_when_the_feed_arrives_empty_and_a_day_passes() throws Exception {
        feed("empty", 1, ids(20));
        daysPass("empty", 1);
        feed("empty", 2, List.of());
        markStale("empty");
        assertThat(inactive("empty")).isEmpty();
    }

    @Test
    void should_keep_the_catalog_when_the_fetcher_is_silent_for_three_days() throws Exception {
        feed("silent", 1, ids(20));
        daysPass("silent", 3);
        JsonNode run = markStale("silent");
        assertThat(inactive("silent")).isEmpty();
        assertThat(run.get("deactivated").asInt()).isZero();
    }

    @Test
    void should_deactivate_only_the_model_a_fresh_feed_no_longer_lists() throws Exception {
        feed("fresh", 1, ids(20));
        daysPass("fresh", 1);
        feed("fresh", 2, ids(20).subList(1, 20));
        JsonNode run = markStale("fresh");
        assertThat(inactive("fresh")).containsExactly("m00");
        assertThat(run.get("deactivated").asInt()).isEqualTo(1);
        assertThat((String) service.value("select detail->>'reason' from model_event where provider_id = 'fresh' "
                + "and model_id = 'm00' and kind = 'DEACTIVATED'")).contains("feed");
        assertThat(service.value("select deactivated_at is not null from model where provider_id = 'fresh' and model_id = 'm00'"))
                .isEqualTo(true);
    }

    @Test
    void should_hold_a_mass_deactivation_until_forced() throws Exception {
        feed("short", 1, ids(20));
        daysPass("short", 1);
        feed("short", 2, ids(5)); // a truncated list: 15 of 20 missing

        Answer dryRun = api.post("/api/maintenance/mark-stale?dryRun=true&provider=short", "");
        assertThat(dryRun.body().get("held").asInt()).isEqualTo(15);
        JsonNode run = markStale("short");
        assertThat(run.get("held").asInt()).isEqualTo(15);
        assertThat(run.get("providers").get(0).get("providerId").asText()).isEqualTo("short");
        assertThat(inactive("short")).isEmpty();
        // held, not dropped: the next run holds them again
        assertThat(markStale("short").get("held").asInt()).isEqualTo(15);

        Answer forced = api.post("/api/maintenance/mark-stale?force=true&provider=short", "");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body().get("deactivated").asInt()).isEqualTo(15);
        assertThat(inactive("short")).hasSize(15).doesNotContain("m00", "m01", "m02", "m03", "m04");
        assertThat(api.post("/api/maintenance/mark-stale?force=true", "").status()).as("force needs a provider").isEqualTo(400);
    }

    @Test
    void should_release_held_models_when_they_are_seen_again() throws Exception {
        feed("flaky", 1, ids(10));
        daysPass("flaky", 1);
        feed("flaky", 2, ids(2));
        assertThat(markStale("flaky").get("held").asInt()).isEqualTo(8);
        feed("flaky", 3, ids(10)); // the provider's list is whole again
        JsonNode run = markStale("flaky");
        assertThat(run.get("held").asInt()).isZero();
        assertThat(inactive("flaky")).isEmpty();
    }

    @Test
    void should_deactivate_inference_models_on_time_alone_and_never_manual_ones() throws Exception {
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"gateway\", \"modelId\": \"runtime-only\"}").status())
                .isEqualTo(200);
        assertThat(api.post("/api/models", "{\"providerId\": \"gateway\", \"modelId\": \"pinned\"}").status()).isEqualTo(201);
        service.execute("update model set last_seen_at = now() - interval '3 days' where provider_id = 'gateway'");
        markStale("gateway");
        assertThat(inactive("gateway")).containsExactly("runtime-only");

        service.execute("update model set is_active = false, deactivated_at = now() - interval '90 days' where provider_id = 'gateway'");
        api.post("/api/maintenance/purge", "");
        assertThat(service.rows("select model_id from model where provider_id = 'gateway'"))
                .extracting(r -> r.get("model_id")).containsExactly("pinned");
    }

    @Test
    void should_purge_after_the_window_keep_the_audit_and_spare_what_came_back() throws Exception {
        feed("old", 1, ids(4));
        service.execute("update model set is_active = false, deactivated_at = now() - interval '31 days' "
                + "where provider_id = 'old' and model_id in ('m00', 'm01', 'm02')");
        service.execute("update model set is_active = false, deactivated_at = now() - interval '29 days' "
                + "where provider_id = 'old' and model_id = 'm03'");
        // m02 is seen again between stale and purge
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"old\", \"modelId\": \"m02\"}").status()).isEqualTo(200);

        Answer dryRun = api.post("/api/maintenance/purge?dryRun=true", "");
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(service.count("select count(*) from model where provider_id = 'old'")).isEqualTo(4);

        Answer purge = api.post("/api/maintenance/purge", "");
        assertThat(purge.status()).isEqualTo(200);
        assertThat(service.rows("select model_id, is_active from model where provider_id = 'old' order by 1"))
                .extracting(r -> r.get("model_id") + ":" + r.get("is_active")).containsExactly("m02:true", "m03:false");
        assertThat(service.rows("select model_id from model_event where provider_id = 'old' and kind = 'PURGED' order by 1"))
                .extracting(r -> r.get("model_id")).containsExactly("m00", "m01");
    }

    @Test
    void should_prune_rows_past_the_retention_in_batches_and_keep_the_recent_ones_and_the_history() throws Exception {
        String old = "now() - interval '100 days'";
        // ingestion: five old rows then a recent one; the provider's newest three stay
        for (int i = 0; i < 5; i++) {
            service.execute("insert into ingestion (file_name, provider_id, started_at, status) values (?, 'aged', " + old + ", 'OK')",
                    "aged_models_" + i + ".json");
        }
        service.execute("insert into ingestion (file_name, provider_id, started_at, status) values ('aged_new.json', 'aged', now(), 'OK')");
        for (int i = 0; i < 4; i++) {
            service.execute("insert into \"fetch\" (provider_id, started_at, status) values ('aged', " + old + ", 'OK')");
        }
        String note = "insert into notification (id, kind, provider_id, created_at, payload, status, dedupe_key) "
                + "values (gen_random_uuid(), ?, 'aged', %s, '{}', ?, ?)";
        service.execute(note.formatted(old), "model.discovered", "DELIVERED", null);
        service.execute(note.formatted(old), "model.discovered", "DEAD", null);
        service.execute(note.formatted(old), "model.discovered", "PENDING", null);
        service.execute(note.formatted(old), "feed.failing", "DELIVERED", "[\"feed.failing\", \"aged\"]");
        service.execute(note.formatted("now()"), "model.discovered", "DELIVERED", null);
        service.execute("insert into maintenance_run (job, started_at, finished_at, dry_run, result) values ('purge', "
                + old + ", " + old + ", false, '{}')");
        service.execute("insert into model_event (provider_id, model_id, kind, at) values ('aged', 'a', 'DISCOVERED', " + old + ")");
        service.execute("insert into model_past_version (provider_id, model_id, valid_from, valid_to) values ('aged', 'a', "
                + old + " - interval '1 day', " + old + ")");

        Answer dryRun = api.post("/api/maintenance/purge?dryRun=true", "");
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.body().get("pruned").toString())
                .isEqualTo("{\"ingestion\":3,\"fetch\":1,\"notification\":2,\"maintenanceRun\":1}");
        assertThat(service.count("select count(*) from ingestion where provider_id = 'aged'")).isEqualTo(6);
        GhostProcess.Run cli = GhostProcess.run(db, Map.of(), "purge", "--dry-run");
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("Older than 90 days would be pruned: ingestion 3, fetch 1, notification 2, maintenance_run 1");

        Answer purge = api.post("/api/maintenance/purge", "");
        assertThat(purge.status()).as(purge.text()).isEqualTo(200);
        assertThat(purge.body().get("retentionDays").asDouble()).isEqualTo(90.0);
        assertThat(purge.body().get("pruned").toString())
                .isEqualTo("{\"ingestion\":3,\"fetch\":1,\"notification\":2,\"maintenanceRun\":1}");
        assertThat(service.rows("select file_name from ingestion where provider_id = 'aged' order by id"))
                .extracting(r -> r.get("file_name")).containsExactly("aged_models_3.json", "aged_models_4.json", "aged_new.json");
        assertThat(service.count("select count(*) from \"fetch\" where provider_id = 'aged'")).isEqualTo(3);
        assertThat(service.rows("select kind, status, created_at > now() - interval '1 day' as recent from notification "
                + "where provider_id = 'aged' order by kind, status"))
                .extracting(r -> r.get("kind") + ":" + r.get("status") + ":" + r.get("recent"))
                .containsExactly("feed.failing:DELIVERED:false", "model.discovered:DELIVERED:true", "model.discovered:PENDING:false");
        assertThat(service.count("select count(*) from maintenance_run where started_at < now() - interval '90 days'")).isZero();
        // the history stays
        assertThat(service.count("select count(*) from model_event where provider_id = 'aged'")).isEqualTo(1);
        assertThat(service.count("select count(*) from model_past_version where provider_id = 'aged'")).isEqualTo(1);
        // the run's record says what it pruned
        Answer runs = api.get("/api/maintenance/runs?job=purge&limit=1");
        assertThat(runs.body().get(0).get("result").get("pruned").get("ingestion").asInt()).isEqualTo(3);
        assertThat(api.post("/api/maintenance/purge", "").body().get("pruned").get("ingestion").asInt()).isZero();
    }

    @Test
    void should_report_a_dry_run_from_the_command_line_and_change_nothing() throws Exception {
        feed("cli", 1, ids(4));
        daysPass("cli", 1);
        feed("cli", 2, ids(4).subList(1, 4));
        GhostProcess.Run run = GhostProcess.run(db, Map.of(), "mark-stale", "--dry-run", "--provider", "cli");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("mark-stale (dry run)").containsPattern("cli: 4 active, 1 stale -> 1 would be deactivated, 0 held");
        assertThat(inactive("cli")).isEmpty();
    }

    @Test
    void should_count_runs_in_metrics_and_keep_a_record_of_them() throws Exception {
        feed("metered", 1, ids(4));
        daysPass("metered", 1);
        feed("metered", 2, ids(1));
        markStale("metered");
        assertThat(ApiClient.send(java.net.http.HttpRequest.newBuilder(service.managementUrl("/observe/metrics")).build()).text())
                .contains("ghost_maintenance_held_total", "ghost_maintenance_deactivated_total");
        Answer runs = api.get("/api/maintenance/runs?job=mark-stale&limit=1");
        assertThat(runs.body().get(0).get("result").get("providers").get(0).get("held").asInt()).isEqualTo(3);
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("m%02d", i)).collect(Collectors.toList());
    }

    /** A feed file of these ids, dropped into the watched folder and waited for. */
    private static void feed(String provider, int day, List<String> ids) throws Exception {
        String name = provider + "_models_day" + day + ".json";
        String json = ids.stream().map(id -> "{\"id\": \"" + id + "\"}").collect(Collectors.joining(",", "{\"data\": [", "]}"));
        Path aside = Files.writeString(inbox.resolve("." + name), json);
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                "select count(*) from ingestion where file_name = ? and status in ('OK', 'EMPTY')", name) == 1);
    }

    /** Moves the provider's models and its last fresh feed this many days into the past. */
    private static void daysPass(String provider, int days) throws Exception {
        service.execute("update model set last_seen_at = last_seen_at - make_interval(days => ?), "
                + "last_indexed_at = last_indexed_at - make_interval(days => ?) where provider_id = ?", days, days, provider);
        service.execute("update provider set last_index_at = last_index_at - make_interval(days => ?) where id = ?",
                days, provider);
    }

    private static JsonNode markStale(String provider) throws Exception {
        Answer answer = api.post("/api/maintenance/mark-stale?provider=" + provider, "");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> inactive(String provider) throws Exception {
        return service.rows("select model_id from model where provider_id = ? and not is_active order by 1", provider)
                .stream().map(r -> (String) r.get("model_id")).toList();
    }
}
