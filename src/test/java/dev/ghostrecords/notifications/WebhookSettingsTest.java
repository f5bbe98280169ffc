package dev.ghostrecords.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSettingsTest {

    @Test
    void should_queue_nothing_when_no_webhook_is_set() {
        WebhookSettings none = WebhookSettings.parse(" ", "", "");
        assertThat(none.enabled()).isFalse();
        assertThat(none.notifyKinds()).isEmpty();
    }

    @Test
    void should_queue_every_kind_by_default_and_only_the_chosen_ones_when_filtered() {
        assertThat(WebhookSettings.parse("https://hooks.slack.com/services/T/B/X", "", "").notifyKinds())
                .isEqualTo(String.join(",", WebhookSettings.KINDS));
        WebhookSettings some = WebhookSettings.parse("https://a.example/h, http://b.example:8080/x", "s",
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
    void should_sign_the_exact_body_with_hmac_sha256() {
        // RFC 4231 test case 2
        assertThat(WebhookDelivery.hmac("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void should_never_show_the_secret_or_the_urls() {
        assertThat(WebhookSettings.parse("https://hooks.slack.com/services/T/B/XYZ", "hush", "").toString())
                .doesNotContain("hush").doesNotContain("XYZ");
    }
}
