package dev.ghostrecords.notifications;

import java.nio.charset.StandardCharsets;
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
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook notifications end to end: the real service on a real PostgreSQL, changes made through the
 * watched folder and the API, a real HTTP receiver that checks what a Slack-like webhook would get.
 */
class NotificationsIT {

    private static final String SECRET = WebhookSettingsTest.SECRET;

    @TempDir
    static Path inbox;
    static WebhookReceiver receiver;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of(
                "ghost.api.token", "t0ken",
                "ghost.webhook.urls", receiver.url("/hooks/T000/B000/XXXX"),
                "ghost.webhook.secret", SECRET,
                "ghost.webhook.poll-delay", "100",
                "ghost.webhook.scan-delay", "300",
                "ghost.webhook.backoff-ms", "200",
                "ghost.stale.after-hours", "24")).start();
        api = new ApiClient(service, "t0ken");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        receiver.close();
    }

    @Test
    void should_post_one_signed_notification_with_a_sentence_when_a_feed_brings_new_models() throws Exception {
        feed("openai", "day1", List.of("o4", "gpt-5", "gpt-5-mini"));

        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.discovered", "openai"), l -> !l.isEmpty()).get(0);
        JsonNode body = post.json();
        // the README shows this very body
        Files.write(Path.of("target", "webhook-example.json"), post.body());
        assertThat(body.get("text").asText()).isEqualTo("openai: 3 new models: gpt-5, gpt-5-mini, o4");
        assertThat(body.get("detail").get("count").asInt()).isEqualTo(3);
        assertThat(body.get("detail").get("models")).hasSize(3);
        assertThat(body.has("model")).as("several models: no single model").isFalse();
        assertThat(body.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
        assertThat(post.header("webhook-id")).isEqualTo(body.get("id").asText());
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        post.verify(SECRET);
        assertThat(post.header("X-Ghost-Signature")).as("the old header is gone").isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(service.value(
                "select status from notification where id = ?::uuid", body.get("id").asText())));
        Thread.sleep(500);
        assertThat(fromProvider("model.discovered", "openai")).as("sent once").hasSize(1);

        Answer listed = api.get("/api/notifications?status=DELIVERED&limit=50");
        assertThat(listed.status()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode n : listed.body()) {
            if (n.get("id").asText().equals(body.get("id").asText())) {
                row = n;
            }
        }
        assertThat(row).as(listed.text()).isNotNull();
        assertThat(row.get("kind").asText()).isEqualTo("model.discovered");
        assertThat(row.get("providerId").asText()).isEqualTo("openai");
        assertThat(row.get("payload").get("text").asText()).isEqualTo(body.get("text").asText());
        assertThat(row.get("deliveredAt").isNull()).isFalse();
    }

    @Test
    void should_deliver_with_the_same_id_once_the_receiver_recovers_from_two_500s() throws Exception {
        receiver.answering(500, 500);
        Answer queued = api.post("/api/notifications/test", "");
        assertThat(queued.status()).as(queued.text()).isEqualTo(202);
        String id = queued.body().get("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(service.value(
                "select status from notification where id = ?::uuid", id)));
        List<WebhookReceiver.Received> tries = receiver.received().stream()
                .filter(r -> id.equals(r.header("webhook-id"))).toList();
        assertThat(tries).hasSize(3);
        assertThat(tries).allSatisfy(r -> assertThat(r.json().get("id").asText()).isEqualTo(id));
        assertThat(tries.get(0).body()).isEqualTo(tries.get(2).body());
        assertThat(service.count("select attempts from notification where id = ?::uuid", id)).isEqualTo(3);
    }

    @Test
    void should_queue_one_notification_for_a_first_feed_of_50000_models() throws Exception {
        Path aside = inbox.resolve(".big_models.json");
        new ProcessBuilder("python3", Path.of("bench/gen_feed.py").toAbsolutePath().toString(), "50000", aside.toString())
                .inheritIO().start().waitFor();
        Files.move(aside, inbox.resolve("big_models.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(120)).until(() -> service.count(
                "select count(*) from ingestion where file_name = 'big_models.json' and status = 'OK'") == 1);

        assertThat(service.count("select count(*) from notification where provider_id = 'big'")).isEqualTo(1);
        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.discovered", "big"), l -> !l.isEmpty()).get(0);
        assertThat(post.json().get("detail").get("count").asInt()).isEqualTo(50000);
        assertThat(post.json().get("detail").get("models")).hasSize(100);
        assertThat(post.json().get("text").asText()).startsWith("big: 50000 new models: ").endsWith(" and 49990 more");
    }

    @Test
    void should_raise_one_ghost_when_a_feed_stops_listing_a_model_inference_uses() throws Exception {
        feed("ghostly", "day1", List.of("kept", "dropped"));
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"ghostly\", \"modelId\": \"dropped\"}").status())
                .isEqualTo(200);
        feed("ghostly", "day2", List.of("kept"));

        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.ghost", "ghostly"), l -> !l.isEmpty()).get(0);
        assertThat(post.json().get("model").asText()).isEqualTo("dropped");
        assertThat(post.json().get("text").asText()).startsWith("ghostly: dropped is a ghost");

        feed("ghostly", "day3", List.of("kept"));
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"ghostly\", \"modelId\": \"dropped\"}").status())
                .isEqualTo(200);
        Thread.sleep(1500); // several scans
        assertThat(service.count("select count(*) from notification where kind = 'model.ghost' and provider_id = 'ghostly'"))
                .as("not repeated while it stays a ghost").isEqualTo(1);
    }

    @Test
    void should_raise_sweep_held_once_per_held_episode() throws Exception {
        feed("held", "day1", List.of("a", "b", "c", "d"));
        daysPass("held", 2);
        feed("held", "day2", List.of("a"));
        markStale("held");
        markStale("held");

        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("sweep.held", "held"), l -> !l.isEmpty()).get(0);
        assertThat(post.json().get("text").asText()).contains("held 3 of 4 active models")
                .contains("mark-stale --force --provider held");
        assertThat(service.count("select count(*) from notification where kind = 'sweep.held' and provider_id = 'held'"))
                .isEqualTo(1);
    }

    @Test
    void should_tell_of_a_deactivation_by_mark_stale_and_of_the_reactivation_by_inference() throws Exception {
        feed("sweep", "day1", List.of("a", "b", "c", "gone"));
        daysPass("sweep", 2);
        feed("sweep", "day2", List.of("a", "b", "c"));
        markStale("sweep");

        JsonNode deactivated = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.deactivated", "sweep"), l -> !l.isEmpty()).get(0).json();
        assertThat(deactivated.get("text").asText()).isEqualTo("sweep: model deactivated (not seen for a while): gone");
        assertThat(deactivated.get("model").asText()).isEqualTo("gone");
        assertThat(deactivated.get("detail").get("run").asText()).isNotBlank();

        assertThat(api.post("/api/inference-events", "{\"providerId\": \"sweep\", \"modelId\": \"gone\"}").status())
                .isEqualTo(200);
        JsonNode reactivated = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.reactivated", "sweep"), l -> !l.isEmpty()).get(0).json();
        assertThat(reactivated.get("text").asText()).isEqualTo("sweep: model active again: gone");
    }

    @Test
    void should_raise_feed_failing_once_after_three_failed_files() throws Exception {
        for (int i = 1; i <= 4; i++) {
            drop("broken_models_" + i + ".json", "{\"data\": [ {\"id\": ");
            final String name = "broken_models_" + i + ".json";
            await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                    "select count(*) from ingestion where file_name = ? and status = 'FAILED'", name) == 1);
            if (i == 2) {
                Thread.sleep(700);
                assertThat(service.count("select count(*) from notification where kind = 'feed.failing' and provider_id = 'broken'")).isZero();
            }
        }
        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("feed.failing", "broken"), l -> !l.isEmpty()).get(0);
        assertThat(post.json().get("text").asText()).startsWith("broken: its feed failed 3 times in a row");
        Thread.sleep(1000);
        assertThat(service.count("select count(*) from notification where kind = 'feed.failing' and provider_id = 'broken'"))
                .as("once, not on every failure").isEqualTo(1);
    }

    @Test
    void should_raise_feed_failing_again_only_after_a_fetch_succeeded_in_between() throws Exception {
        for (int i = 0; i < 3; i++) {
            fetched("fetchy", "FAILED", "HTTP 503 on page 1");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fromProvider("feed.failing", "fetchy").size() == 1);
        assertThat(fromProvider("feed.failing", "fetchy").get(0).json().get("text").asText())
                .endsWith("last: fetch: HTTP 503 on page 1");
        fetched("fetchy", "FAILED", "HTTP 503 on page 1");
        Thread.sleep(1000);
        assertThat(service.count("select count(*) from notification where kind = 'feed.failing' and provider_id = 'fetchy'"))
                .isEqualTo(1);

        fetched("fetchy", "OK", null);
        Thread.sleep(1000); // a scan sees the success and ends the streak
        for (int i = 0; i < 3; i++) {
            fetched("fetchy", "FAILED", "connection refused");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fromProvider("feed.failing", "fetchy").size() == 2);
    }

    private static void fetched(String provider, String status, String error) throws Exception {
        service.execute("insert into \"fetch\" (provider_id, started_at, finished_at, status, error)"
                + " values (?, clock_timestamp(), clock_timestamp(), ?, ?)", provider, status, error);
    }

    @Test
    void should_raise_retiring_once_per_model_and_date() throws Exception {
        feed("retire", "day1", List.of("old-model", "new-model"));
        service.execute("update model set retires_at = now() + interval '10 days' where provider_id = 'retire' and model_id = 'old-model'");

        WebhookReceiver.Received post = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.retiring", "retire"), l -> !l.isEmpty()).get(0);
        assertThat(post.json().get("model").asText()).isEqualTo("old-model");
        assertThat(post.json().get("text").asText()).startsWith("retire: old-model retires on ");
        assertThat(post.json().get("detail").get("retiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        Thread.sleep(1000);
        assertThat(service.count("select count(*) from notification where kind = 'model.retiring' and provider_id = 'retire'")).isEqualTo(1);

        // a date (what feeds announce) reads as the model API writes it: 2026-12-22T00:00:00Z
        service.execute("update model set retires_at = date_trunc('day', now() + interval '20 days') where provider_id = 'retire' and model_id = 'old-model'");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.count("select count(*) from notification where kind = 'model.retiring' and provider_id = 'retire'") == 2);
        WebhookReceiver.Received dated = await().atMost(Duration.ofSeconds(30))
                .until(() -> fromProvider("model.retiring", "retire"), l -> l.size() == 2).get(1);
        assertThat(dated.json().get("detail").get("retiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT00:00:00Z");
    }

    @Test
    void should_queue_one_model_changed_per_statement_naming_the_changed_fields() throws Exception {
        // CHANGED events as the feed merge writes them (detail.changes), with the kinds the service's
        // own connections carry: the outbox trigger sees every writer of model_event
        try (java.sql.Connection c = service.database().connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("set ghost.notify_kinds = 'model.changed'");
            s.execute("insert into model_event (provider_id, model_id, kind, source, detail) values"
                    + " ('priced', 'a', 'CHANGED', 'INDEX', '{\"changes\": {\"pricing\": {\"from\": null, \"to\": {\"prompt\": 1e-6}}}}'),"
                    + " ('priced', 'b', 'CHANGED', 'INDEX', '{\"changes\": {\"contextWindow\": {\"from\": 1, \"to\": 2}}}')");
            s.execute("insert into model_event (provider_id, model_id, kind, source, detail) values"
                    + " ('priced', 'c', 'CHANGED', 'INDEX', '{\"changes\": {\"retiresAt\": {\"from\": null, \"to\": \"2027-01-01\"},"
                    + " \"deprecated\": {\"from\": false, \"to\": true}}}')");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fromProvider("model.changed", "priced").size() == 2);
        List<String> texts = fromProvider("model.changed", "priced").stream().map(r -> r.json().get("text").asText()).toList();
        assertThat(texts).containsExactlyInAnyOrder("priced: 2 models changed: a, b",
                "priced: model changed: c (deprecated, retiresAt)");
        JsonNode one = fromProvider("model.changed", "priced").stream().filter(r -> r.json().has("model")).findFirst()
                .orElseThrow().json();
        assertThat(one.get("model").asText()).isEqualTo("c");
        assertThat(one.get("detail").get("changes").get("deprecated").get("to").asBoolean()).isTrue();
        // a value that appears (or goes away) keeps its null end: {"from": null, "to": ...}
        assertThat(one.get("detail").get("changes").get("retiresAt").has("from")).isTrue();
        assertThat(one.get("detail").get("changes").get("retiresAt").get("from").isNull()).isTrue();
    }

    private static List<WebhookReceiver.Received> fromProvider(String kind, String provider) {
        return receiver.received(kind).stream().filter(r -> provider.equals(r.json().path("provider").asText())).toList();
    }

    private static void feed(String provider, String day, List<String> ids) throws Exception {
        String name = provider + "_models_" + day + ".json";
        drop(name, ids.stream().map(id -> "{\"id\": \"" + id + "\"}").collect(Collectors.joining(",", "{\"data\": [", "]}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                "select count(*) from ingestion where file_name = ? and status in ('OK', 'EMPTY')", name) == 1);
    }

    private static void drop(String name, String content) throws Exception {
        Path aside = Files.writeString(inbox.resolve("." + name), content);
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void daysPass(String provider, int days) throws Exception {
        service.execute("update model set last_seen_at = last_seen_at - make_interval(days => ?), "
                + "last_indexed_at = last_indexed_at - make_interval(days => ?) where provider_id = ?", days, days, provider);
        service.execute("update provider set last_index_at = last_index_at - make_interval(days => ?) where id = ?",
                days, provider);
    }

    private static void markStale(String provider) throws Exception {
        Answer answer = api.post("/api/maintenance/mark-stale?provider=" + provider, "");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @SuppressWarnings("unused")
    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "m" + i).toList();
    }
}
