package dev.ghostrecords.notifications;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSettingsTest {

    /** whsec_ + base64 of 32 bytes, as `openssl rand -base64 32` makes them */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9Jd1mXq7T5E=";
    static final String OTHER_SECRET = "whsec_9a3Xq7nV0dYfB2kL5sR8tU1wZ4cE6gH9jM2pQ5vY8aA=";

    @Test
    void should_queue_nothing_when_no_webhook_is_set() {
        WebhookSettings none = WebhookSettings.parse(" ", "", "");
        assertThat(none.enabled()).isFalse();
        assertThat(none.signed()).isFalse();
        assertThat(none.notifyKinds()).isEmpty();
    }

    @Test
    void should_queue_every_kind_by_default_and_only_the_chosen_ones_when_filtered() {
        assertThat(WebhookSettings.parse("https://hooks.slack.com/services/T/B/X", "", "").notifyKinds())
                .isEqualTo(String.join(",", WebhookSettings.KINDS));
        WebhookSettings some = WebhookSettings.parse("https://a.example/h, http://b.example:8080/x", SECRET,
                "model.ghost, feed.failing");
        assertThat(some.urls()).hasSize(2);
        assertThat(some.notifyKinds()).isEqualTo("model.ghost,feed.failing");
    }

    @Test
    void should_refuse_a_url_that_is_not_http_naming_the_variable_but_not_the_url() {
        assertThatThrownBy(() -> WebhookSettings.parse("https://ok.example/h,ftp://files.example/secret-path", "", ""))
                .hasMessageContaining("webhook #2 in GHOST_WEBHOOK_URLS is not an http(s) URL")
                .hasMessageNotContaining("secret-path");
        assertThatThrownBy(() -> WebhookSettings.parse("hooks.slack.com/services/T/B/X", "", ""))
                .hasMessageContaining("GHOST_WEBHOOK_URLS");
    }

    @Test
    void should_refuse_an_unknown_kind_naming_the_variable() {
        assertThatThrownBy(() -> WebhookSettings.parse("https://a.example/h", "", "model.discovered,model.exploded"))
                .hasMessageContaining("GHOST_WEBHOOK_KINDS").hasMessageContaining("unknown kind 'model.exploded'");
    }

    @Test
    void should_take_several_secrets_and_refuse_one_that_is_not_whsec_base64_of_24_bytes_without_showing_it() {
        assertThat(WebhookSettings.parse("https://a.example/h", SECRET + " , " + OTHER_SECRET, "").keys()).hasSize(2)
                .allSatisfy(key -> assertThat(key).hasSize(32));
        // no prefix (the old hex secrets); not base64; 16 bytes only
        for (String wrong : List.of("5d2b8e41c0ffee5d2b8e41c0ffee5d2b8e41c0ffee", "whsec_not*base64!", "whsec_MDEyMzQ1Njc4OWFiY2RlZg==")) {
            assertThatThrownBy(() -> WebhookSettings.parse("https://a.example/h", SECRET + "," + wrong, ""))
                    .hasMessageStartingWith("GHOST_WEBHOOK_SECRET (secret #2) must be whsec_ followed by the base64 of at least 24")
                    .hasMessageContaining("echo \"whsec_$(openssl rand -base64 32)\"")
                    .hasMessageContaining("(setting ghost.webhook.secret)")
                    .hasMessageNotContaining(wrong).hasMessageNotContaining(SECRET);
        }
        assertThatThrownBy(() -> WebhookSettings.parse("", "hush", "")).hasMessageStartingWith("GHOST_WEBHOOK_SECRET must be");
    }

    @Test
    void should_sign_as_the_official_library_verifies_one_signature_per_secret() throws Exception {
        byte[] body = "{\"text\": \"openai: new model: gpt-5 — ✓\"}".getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        List<byte[]> keys = WebhookSettings.parse("", SECRET + "," + OTHER_SECRET, "").keys();
        String signatures = WebhookDelivery.signatures(keys, "89f89e05-0ffc-44c6-8059-b2f5c2c03ea9", now, body);
        assertThat(signatures.split(" ")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("v1,"));
        HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of("89f89e05-0ffc-44c6-8059-b2f5c2c03ea9"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(signatures)), (a, b) -> true);
        String payload = new String(body, StandardCharsets.UTF_8);
        new Webhook(SECRET).verify(payload, headers);
        new Webhook(OTHER_SECRET).verify(payload, headers);
        assertThatThrownBy(() -> new Webhook("whsec_" + "QUJD".repeat(8)).verify(payload, headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(SECRET).verify(payload.replace("gpt-5", "gpt-6"), headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void should_send_credentials_of_a_url_as_basic_auth_and_show_it_without_credentials_or_query() {
        WebhookDelivery.Receiver r = WebhookDelivery.Receiver.of(1, URI.create("https://hook%40user:p%3Ass@hooks.example.com:8443/path/x?token=abc"));
        assertThat(r.requestUrl()).isEqualTo("https://hooks.example.com:8443/path/x?token=abc");
        assertThat(r.shownUrl()).isEqualTo("https://hooks.example.com:8443/path/x");
        assertThat(r.basicAuth()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("hook@user:p:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.toString()).isEqualTo("webhook #1 (hooks.example.com)");
        WebhookDelivery.Receiver plain = WebhookDelivery.Receiver.of(2, URI.create("http://[::1]:9/"));
        assertThat(plain.basicAuth()).isNull();
        assertThat(plain.shownUrl()).isEqualTo("http://[::1]:9/");
    }

    @Test
    void should_never_show_the_secret_or_the_urls() {
        assertThat(WebhookSettings.parse("https://hooks.slack.com/services/T/B/XYZ", SECRET, "").toString())
                .doesNotContain(SECRET.substring(6, 20)).doesNotContain("XYZ");
    }
}
