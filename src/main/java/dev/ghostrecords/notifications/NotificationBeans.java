package dev.ghostrecords.notifications;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.jdbi.v3.core.Jdbi;

/** Binds what routes/notifications.camel.yaml calls, from the settings read at start. */
public final class NotificationBeans {

    private NotificationBeans() {
    }

    public static void bind(CamelContext context, Jdbi jdbi, WebhookSettings webhooks, long timeoutMillis,
                            double backoffSeconds, double maxAgeHours, int senders, double staleAfterHours,
                            double retiringDays) {
        // a camel-http of its own: the webhooks' timeouts are not the provider fetches'
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(timeoutMillis);
        http.setConnectionRequestTimeout(timeoutMillis);
        http.setSoTimeout(timeoutMillis);
        http.setResponseTimeout(timeoutMillis);
        context.addComponent("webhooks", http);
        ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(NotificationBeans.class,
                "webhook-sender", senders);
        context.getRegistry().bind("webhookSenders", pool);
        context.getRegistry().bind("webhookDelivery",
                new WebhookDelivery(jdbi, webhooks, timeoutMillis, backoffSeconds, maxAgeHours));
        context.getRegistry().bind("notifications", new Notifications(jdbi, webhooks, staleAfterHours, retiringDays));
    }
}
