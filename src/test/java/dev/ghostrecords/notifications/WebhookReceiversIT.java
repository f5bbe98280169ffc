package dev.ghostrecords.notifications;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.notifications.WebhookSettingsTest.OTHER_SECRET;
import static dev.ghostrecords.notifications.WebhookSettingsTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries as a receiver sees them: verified by the official Standard Webhooks library, through a
 * secret rotation and a retry; a receiver that answers 410 Gone, across restarts; credentials in a URL.
 */
class WebhookReceiversIT {

    @TempDir
    Path inbox;

    @Test
    void should_sign_every_attempt_so_the_official_library_verifies_it_with_either_secret() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500);
             // the old and the new secret, as during a rotation; a retry after more than a second
             RunningService service = service(TestDatabase.fresh(), Map.of("ghost.webhook.urls", receiver.url("/hook"),
                     "ghost.webhook.secret", SECRET + "," + OTHER_SECRET, "ghost.webhook.backoff-ms", "1500"))) {
            String id = new ApiClient(service, "t0ken").post("/api/notifications/test", "").body().get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(service.value(
                    "select status from notification where id = ?::uuid", id)));

            List<WebhookReceiver.Received> tries = receiver.received();
            assertThat(tries).hasSize(2);
            for (WebhookReceiver.Received attempt : tries) {
                assertThat(attempt.header("webhook-id")).isEqualTo(id);
                assertThat(attempt.header("webhook-signature").split(" ")).hasSize(2);
                // a receiver holding the old secret, and one holding only the new one
                attempt.verify(SECRET);
                attempt.verify(OTHER_SECRET);
                byte[] tampered = new String(attempt.body(), StandardCharsets.UTF_8)
                        .replace("this webhook works", "send money").getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> attempt.verify(SECRET, tampered)).isInstanceOf(WebhookVerificationException.class);
                assertThatThrownBy(() -> attempt.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32])))
                        .isInstanceOf(WebhookVerificationException.class);
                assertThat(attempt.header("X-Ghost-Signature")).isNull();
            }
            // the retry: the same id and body, a timestamp and signatures of its own
            long first = Long.parseLong(tries.get(0).header("webhook-timestamp"));
            long retry = Long.parseLong(tries.get(1).header("webhook-timestamp"));
            assertThat(retry).isGreaterThan(first);
            assertThat(Math.abs(System.currentTimeMillis() / 1000 - retry)).isLessThan(60);
            assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
            assertThat(tries.get(1).header("webhook-signature")).isNotEqualTo(tries.get(0).header("webhook-signature"));
        }
    }

    @Test
    void should_stop_sending_to_a_receiver_gone_until_its_url_is_configured_anew() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        try (WebhookReceiver gone = new WebhookReceiver().answering(410, 410, 410, 410);
             WebhookReceiver good = new WebhookReceiver()) {
            String goneUrl = gone.url("/gone?token=qt-secret");
            // credentials in the URL: delivered with HTTP Basic auth, never shown
            String goodUrl = good.url("/ok").replace("http://", "http://hook-user:pw-s3cret@");
            String both = goneUrl + "," + goodUrl;
            try (RunningService service = service(db, Map.of("ghost.webhook.urls", both))) {
                ApiClient api = new ApiClient(service, "t0ken");
                String first = test(api);
                await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(service.value(
                        "select status from notification where id = ?::uuid", first)));
                assertThat(gone.received()).hasSize(1);
                assertThat(good.received()).hasSize(1);
                assertThat(good.received().get(0).header("Authorization")).isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("hook-user:pw-s3cret".getBytes(StandardCharsets.UTF_8)));

                String second = test(api);
                await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(service.value(
                        "select status from notification where id = ?::uuid", second)));
                assertThat(gone.received()).as("nothing more to a receiver gone").hasSize(1);
                assertThat(good.received()).hasSize(2);
                assertThat(service.value("select attempts from notification where id = ?::uuid", second)).isEqualTo(1);

                JsonNode receivers = api.get("/api/webhooks").body();
                assertThat(receivers).hasSize(2);
                assertThat(receivers.get(0).get("url").asText()).isEqualTo(gone.url("/gone"));
                assertThat(receivers.get(0).get("state").asText()).isEqualTo("GONE");
                assertThat(receivers.get(0).get("lastError").asText()).contains("410");
                assertThat(receivers.get(0).get("delivered").asLong()).isZero();
                assertThat(receivers.get(1).get("url").asText()).isEqualTo(good.url("/ok"));
                assertThat(receivers.get(1).get("state").asText()).isEqualTo("ACTIVE");
                assertThat(receivers.get(1).get("delivered").asLong()).isEqualTo(2);
                assertThat(receivers.get(1).get("lastDeliveryAt").isNull()).isFalse();
                assertThat(receivers.toString()).doesNotContain("pw-s3cret").doesNotContain("hook-user").doesNotContain("qt-secret");
                String metrics = ApiClient.send(java.net.http.HttpRequest.newBuilder(service.managementUrl("/observe/metrics"))
                        .build()).text();
                assertThat(metrics).contains("# HELP ghost_webhook_receivers_gone").contains("ghost_webhook_receivers_gone 1.0");
            }

            // a restart with the same URLs: still GONE (the state is the database's, as every replica sees it)
            try (RunningService service = service(db, Map.of("ghost.webhook.urls", both))) {
                ApiClient api = new ApiClient(service, "t0ken");
                assertThat(api.get("/api/webhooks").body().get(0).get("state").asText()).isEqualTo("GONE");
                String third = test(api);
                await().atMost(Duration.ofSeconds(30)).until(() -> good.received().size() == 3);
                Thread.sleep(1000);
                assertThat(gone.received()).hasSize(1);
                assertThat(service.value("select status from notification where id = ?::uuid", third)).isEqualTo("DELIVERED");
            }
            // removed, then configured again: ACTIVE, and sent to
            service(db, Map.of("ghost.webhook.urls", goodUrl, "ghost.webhook.poll-delay", "50")).close();
            try (RunningService service = service(db, Map.of("ghost.webhook.urls", both))) {
                ApiClient api = new ApiClient(service, "t0ken");
                assertThat(api.get("/api/webhooks").body().get(0).get("state").asText()).isEqualTo("ACTIVE");
                test(api);
                await().atMost(Duration.ofSeconds(30)).until(() -> gone.received().size() == 2);
                await().atMost(Duration.ofSeconds(30)).until(() -> "GONE".equals(api.get("/api/webhooks").body()
                        .get(0).get("state").asText()));
            }
        }
    }

    private static String test(ApiClient api) throws Exception {
        ApiClient.Answer answer = api.post("/api/notifications/test", "");
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private RunningService service(TestDatabase.Database db, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("ghost.api.token", "t0ken",
                "ghost.webhook.poll-delay", "100", "ghost.webhook.scan-delay", "3600000",
                "ghost.webhook.backoff-ms", "200", "ghost.webhook.timeout-ms", "2000"));
        settings.putAll(extra);
        RunningService service = new RunningService(db, inbox, settings).start();
        // the first poll takes the configured receivers into the database
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from webhook_receiver")
                == settings.get("ghost.webhook.urls").split(",").length);
        return service;
    }
}
