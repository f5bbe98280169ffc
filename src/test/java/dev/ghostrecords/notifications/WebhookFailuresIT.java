package dev.ghostrecords.notifications;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Receivers that fail: down, flaky among several, slow; and no receiver configured at all. */
class WebhookFailuresIT {

    @TempDir
    Path inbox;

    @Test
    void should_keep_retrying_a_receiver_that_is_down_then_mark_it_dead_past_the_age_limit() throws Exception {
        int closedPort = freePort();
        // an age limit of about 10 s instead of 24 h
        try (RunningService service = service(Map.of("ghost.webhook.urls", "http://127.0.0.1:" + closedPort + "/hook",
                "ghost.webhook.max-age-hours", "0.003"))) {
            ApiClient api = new ApiClient(service, "t0ken");
            String id = api.post("/api/notifications/test", "").body().get("id").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                    "select attempts from notification where id = ?::uuid", id) >= 2);
            JsonNode pending = api.get("/api/notifications?status=PENDING").body();
            assertThat(ids(pending)).contains(id);
            assertThat(pending.get(0).get("lastError").asText()).contains("webhook #1 (127.0.0.1)").contains("refused");

            await().atMost(Duration.ofSeconds(60)).until(() -> "DEAD".equals(service.value(
                    "select status from notification where id = ?::uuid", id)));
            assertThat(ids(api.get("/api/notifications?status=DEAD").body())).containsExactly(id);
            String metrics = ApiClient.send(java.net.http.HttpRequest.newBuilder(service.managementUrl("/observe/metrics"))
                    .build()).text();
            assertThat(metrics).contains("ghost_notifications_dead_total 1.0").contains("ghost_notifications_retried_total");
            long attempts = service.count("select attempts from notification where id = ?::uuid", id);
            Thread.sleep(1500);
            assertThat(service.count("select attempts from notification where id = ?::uuid", id))
                    .as("no tries once dead").isEqualTo(attempts);
        }
    }

    @Test
    void should_not_resend_to_the_webhook_that_took_it_while_another_one_fails() throws Exception {
        try (WebhookReceiver good = new WebhookReceiver(); WebhookReceiver flaky = new WebhookReceiver().answering(500, 503);
             RunningService service = service(Map.of("ghost.webhook.urls", good.url("/a") + "," + flaky.url("/b")))) {
            ApiClient api = new ApiClient(service, "t0ken");
            String id = api.post("/api/notifications/test", "").body().get("id").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(service.value(
                    "select status from notification where id = ?::uuid", id)));
            assertThat(good.received()).hasSize(1);
            assertThat(flaky.received()).hasSize(3);
            assertThat(flaky.received()).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(id));
            assertThat(good.received().get(0).header("webhook-signature")).as("no secret, no signature").isNull();
        }
    }

    @Test
    void should_keep_feeds_and_events_fast_while_the_receiver_takes_30_seconds() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver().slow(30_000);
             RunningService service = service(Map.of("ghost.webhook.urls", slow.url("/slow"),
                     "ghost.webhook.timeout-ms", "40000"))) {
            ApiClient api = new ApiClient(service, "t0ken");
            for (int i = 0; i < 6; i++) {
                assertThat(api.post("/api/notifications/test", "").status()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.received().size() >= 4);

            // every sender is waiting on the receiver now; the catalog must not notice
            long slowest = 0;
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                Answer answer = api.post("/api/inference-events", "{\"providerId\": \"busy\", \"modelId\": \"m" + i + "\"}");
                slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - start).toMillis());
                assertThat(answer.status()).isEqualTo(200);
            }
            assertThat(slowest).as("slowest inference event answer, ms").isLessThan(3000);

            long start = System.nanoTime();
            String feed = IntStream.range(0, 2000).mapToObj(i -> "{\"id\": \"f" + i + "\"}")
                    .collect(Collectors.joining(",", "{\"data\": [", "]}"));
            Path aside = Files.writeString(inbox.resolve(".fast_models.json"), feed);
            Files.move(aside, inbox.resolve("fast_models.json"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(15)).until(() -> service.count(
                    "select count(*) from ingestion where file_name = 'fast_models.json' and status = 'OK'") == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(service.count("select count(*) from notification where provider_id = 'fast'"))
                    .as("the feed's notification is queued while the others wait").isEqualTo(1);
            assertThat(service.count("select count(*) from notification where status = 'DELIVERED'"))
                    .as("the receiver has not answered yet").isZero();
            // let the senders go (their requests fail now), so the service stops without waiting for them
            slow.close();
        }
    }

    @Test
    void should_queue_nothing_and_refuse_the_test_when_no_webhook_is_set() throws Exception {
        try (RunningService service = service(Map.of())) {
            ApiClient api = new ApiClient(service, "t0ken");
            Path aside = Files.writeString(inbox.resolve(".quiet_models.json"), "{\"data\": [{\"id\": \"a\"}]}");
            Files.move(aside, inbox.resolve("quiet_models.json"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                    "select count(*) from ingestion where file_name = 'quiet_models.json'") == 1);
            assertThat(api.post("/api/inference-events", "{\"providerId\": \"quiet\", \"modelId\": \"b\"}").status())
                    .isEqualTo(200);

            Answer test = api.post("/api/notifications/test", "");
            assertThat(test.status()).isEqualTo(409);
            assertThat(test.body().get("error").asText()).contains("GHOST_WEBHOOK_URLS");
            assertThat(service.count("select count(*) from notification")).isZero();
            assertThat(api.get("/api/notifications").body()).isEmpty();
            assertThat(api.get("/api/notifications?status=LOST").status()).isEqualTo(400);
            assertThat(new ApiClient(service, "wrong").post("/api/notifications/test", "").status()).isEqualTo(401);
        }
    }

    @Test
    void should_queue_only_the_kinds_chosen_by_GHOST_WEBHOOK_KINDS() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             RunningService service = service(Map.of("ghost.webhook.urls", receiver.url("/only-ghosts"),
                     "ghost.webhook.kinds", "model.ghost"))) {
            ApiClient api = new ApiClient(service, "t0ken");
            Path aside = Files.writeString(inbox.resolve(".picky_models.json"), "{\"data\": [{\"id\": \"a\"}]}");
            Files.move(aside, inbox.resolve("picky_models.json"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                    "select count(*) from ingestion where file_name = 'picky_models.json'") == 1);
            // an unlisted model inference uses: discovered (not chosen), and a ghost (chosen)
            assertThat(api.post("/api/inference-events", "{\"providerId\": \"picky\", \"modelId\": \"b\"}").status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("model.ghost").size() == 1);
            assertThat(service.count("select count(*) from notification where kind <> 'model.ghost'")).isZero();
            assertThat(api.post("/api/notifications/test", "").status()).as("a test is always sent").isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("test").size() == 1);
        }
    }

    private RunningService service(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("ghost.api.token", "t0ken",
                "ghost.webhook.poll-delay", "100", "ghost.webhook.scan-delay", "300",
                "ghost.webhook.backoff-ms", "200", "ghost.webhook.timeout-ms", "2000"));
        settings.putAll(extra);
        return new RunningService(TestDatabase.fresh(), inbox, settings).start();
    }

    /** The rows' ids (each payload holds its id too). */
    private static java.util.List<String> ids(JsonNode rows) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        rows.forEach(row -> ids.add(row.get("id").asText()));
        return ids;
    }
}
