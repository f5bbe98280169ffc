package dev.ghostrecords.notifications;

import java.util.concurrent.ExecutorService;

import dev.ghostrecords.Settings;
import dev.ghostrecords.observe.GhostMetrics;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.http.HttpComponent;
import org.jdbi.v3.core.Jdbi;

/** What routes/notifications.camel.yaml calls: the outbox, its delivery to the webhooks, the scans. */
public final class NotificationsConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.webhook.timeout-ms")
    String timeoutMillis;
    @PropertyInject("ghost.webhook.backoff-ms")
    String backoffMillis;
    @PropertyInject("ghost.webhook.max-age-hours")
    String maxAgeHours;
    @PropertyInject("ghost.webhook.senders")
    String senders;
    @PropertyInject("ghost.webhook.poll-delay")
    String pollDelay;
    @PropertyInject("ghost.webhook.scan-delay")
    String scanDelay;
    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;
    @PropertyInject("ghost.retiring.days")
    String retiringDays;

    @BindToRegistry
    public ExecutorService webhookSenders(CamelContext context) {
        return context.getExecutorServiceManager().newFixedThreadPool(this, "webhook-sender",
                Settings.integer("ghost.webhook.senders", senders, 1, 100));
    }

    @BindToRegistry
    public WebhookDelivery webhookDelivery(Jdbi jdbi, WebhookSettings webhooks, GhostMetrics ghostMetrics) {
        return new WebhookDelivery(jdbi, webhooks, ghostMetrics, timeoutMillis(),
                Settings.integer("ghost.webhook.backoff-ms", backoffMillis, 1, Integer.MAX_VALUE) / 1000.0,
                Settings.positive("ghost.webhook.max-age-hours", maxAgeHours));
    }

    @BindToRegistry
    public Notifications notifications(Jdbi jdbi, WebhookSettings webhooks) {
        return new Notifications(jdbi, webhooks, Settings.positive("ghost.stale.after-hours", staleAfterHours),
                Settings.positive("ghost.retiring.days", retiringDays));
    }

    @BindToRegistry
    public NotificationRequests notificationRequests() {
        return new NotificationRequests();
    }

    @Override
    public void configure(CamelContext context) {
        // the routes' timers read these
        Settings.integer("ghost.webhook.poll-delay", pollDelay, 1, Integer.MAX_VALUE);
        Settings.integer("ghost.webhook.scan-delay", scanDelay, 1, Integer.MAX_VALUE);
        // a camel-http of its own: the webhooks' timeouts are not the provider fetches'
        int timeout = timeoutMillis();
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(timeout);
        http.setConnectionRequestTimeout(timeout);
        http.setSoTimeout(timeout);
        http.setResponseTimeout(timeout);
        context.addComponent("webhooks", http);
    }

    private int timeoutMillis() {
        return Settings.integer("ghost.webhook.timeout-ms", timeoutMillis, 1, Integer.MAX_VALUE);
    }
}
