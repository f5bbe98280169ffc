package dev.ghostrecords.notifications;

import java.util.List;

import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.database.Statements;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-per-occurrence notifications: {@code model.ghost}, {@code model.retiring} and
 * {@code feed.failing} are looked for by a scheduled scan (route notifications-scan), each raised
 * once per occurrence through the outbox's dedupe key (ghosts and retirements also recorded once in
 * the audit trail, through model_occurrence), so replicas scanning at once raise it once
 * too; {@code sweep.held} is raised in the mark-stale run's own transaction. The lifecycle kinds
 * need nothing here: the outbox trigger on model_event queues them (V8__run_notifications.sql).
 */
public final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private static final String RAISE_GHOSTS = Statements.load("notifications/raise-ghost-notifications.sql");
    private static final String RAISE_RETIRING = Statements.load("notifications/raise-retiring-notifications.sql");
    private static final String RAISE_FEED_FAILING = Statements.load("notifications/raise-feed-failing-notifications.sql");
    private static final String RAISE_SWEEP_HELD = Statements.load("notifications/raise-sweep-held-notifications.sql");

    /** One provider's held deactivations in a mark-stale run. */
    public record Held(String providerId, long held, long activeModels) {
    }

    private final Jdbi jdbi;
    private final WebhookSettings settings;
    private final double staleAfterHours;
    private final double retiringDays;

    public Notifications(Jdbi jdbi, WebhookSettings settings, double staleAfterHours, double retiringDays) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.staleAfterHours = staleAfterHours;
        this.retiringDays = retiringDays;
    }

    /**
     * The scheduled scan: ghosts, retirements and failing feeds, each statement its own transaction.
     * Ghosts and retirements run without webhooks too: they record their GHOST and RETIRING events in
     * the audit trail (the change feed's), and queue notifications only for the kinds webhooks take.
     */
    public void scan() {
        int ghosts = jdbi.withHandle(h -> h.createUpdate(RAISE_GHOSTS).bind("staleAfterHours", staleAfterHours).execute());
        int retiring = jdbi.withHandle(h -> h.createUpdate(RAISE_RETIRING).bind("retiringDays", retiringDays).execute());
        if (!settings.enabled()) {
            return;
        }
        int failing = jdbi.withHandle(h -> h.createUpdate(RAISE_FEED_FAILING).execute());
        if (ghosts + retiring + failing > 0) {
            LOG.info("notifications raised: {} model.ghost, {} model.retiring, {} feed.failing", ghosts, retiring, failing);
        }
    }

    /** POST /api/notifications/test needs somewhere to send it. */
    public void requireWebhooks() {
        if (!settings.enabled()) {
            throw new CatalogException.Conflict("no webhooks are configured: set GHOST_WEBHOOK_URLS to one or more"
                    + " comma-separated http(s) URLs (a Slack or Mattermost incoming webhook, say)");
        }
    }

    /**
     * sweep.held, in the mark-stale transaction: raised for the providers this run held (once per
     * held episode), and the episode ended for the providers in the run's scope it no longer holds.
     *
     * @param scope the run's provider filter, null for every provider
     */
    public static void sweepHeld(Handle h, String scope, List<Held> held, double maxFraction) {
        h.createUpdate(RAISE_SWEEP_HELD)
                .bind("providerIds", held.stream().map(Held::providerId).toArray(String[]::new))
                .bind("held", held.stream().map(Held::held).toArray(Long[]::new))
                .bind("active", held.stream().map(Held::activeModels).toArray(Long[]::new))
                .bind("scope", scope).bind("maxFraction", maxFraction)
                .execute();
    }
}
