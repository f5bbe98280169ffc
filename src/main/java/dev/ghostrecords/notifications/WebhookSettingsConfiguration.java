package dev.ghostrecords.notifications;

import dev.ghostrecords.database.ConnectionSetting;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

import static dev.ghostrecords.Settings.stripped;

/**
 * The webhook settings, checked before the database opens: its connections carry the kinds this
 * process queues ({@code ghost.notify_kinds}, read by the outbox trigger, V8__run_notifications.sql).
 */
public final class WebhookSettingsConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.webhook.urls")
    String urls;
    @PropertyInject("ghost.webhook.secret")
    String secret;
    @PropertyInject("ghost.webhook.kinds")
    String kinds;

    @BindToRegistry
    public WebhookSettings webhookSettings() {
        return WebhookSettings.parse(stripped(urls), stripped(secret), stripped(kinds));
    }

    /** None without webhooks: nothing is queued. */
    @BindToRegistry
    public ConnectionSetting notifyKinds(WebhookSettings webhooks) {
        return webhooks.enabled() ? new ConnectionSetting("ghost.notify_kinds", webhooks.notifyKinds()) : null;
    }
}
