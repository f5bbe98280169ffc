package dev.ghostrecords.observe;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.ghostrecords.database.Statements;
import dev.ghostrecords.feeds.IngestionResult;
import dev.ghostrecords.maintenance.Maintenance.PurgeProvider;
import dev.ghostrecords.maintenance.Maintenance.PurgeRun;
import dev.ghostrecords.maintenance.Maintenance.StaleProvider;
import dev.ghostrecords.maintenance.Maintenance.StaleRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code ghost_*} series on {@code /observe/metrics}, each with its HELP text and present at 0
 * before anything happened, so an alert on {@code increase(...)} sees the first failure too.
 * Per-provider series exist for every provider in the catalog (read at start and every few seconds
 * by the {@code observe-providers} route, so replicas and other writers are seen as well) and for
 * each new one the moment a feed or a maintenance run names it.
 */
public final class GhostMetrics {

    /** the name camel-micrometer-prometheus looks up: the registry made here is the one it serves */
    static final String REGISTRY_NAME = "metricsRegistry";

    /** the counter {@code EventBatcher} increments (it looks it up once, by this name) */
    static final String EVENTS_RECORDED = "ghost.inference.events.recorded";

    private static final String SELECT_PROVIDERS = Statements.load("observe/select-provider-freshness.sql");

    private static final List<IngestionResult.Status> FEED_STATUSES =
            List.of(IngestionResult.Status.OK, IngestionResult.Status.EMPTY, IngestionResult.Status.FAILED);

    /** One row of {@code sql/observe/select-provider-freshness.sql}. */
    public record ProviderFreshness(String providerId, OffsetDateTime lastIndexAt) {
    }

    private final MeterRegistry registry;
    private final Map<String, ProviderMeters> providers = new ConcurrentHashMap<>();
    private final AtomicInteger databaseUp = new AtomicInteger(1);
    private final Map<String, Counter> notifications = new ConcurrentHashMap<>();
    private final AtomicInteger webhookReceiversGone = new AtomicInteger();

    GhostMetrics(MeterRegistry registry, double staleAfterHours) {
        this.registry = registry;
        // the rules in docs/alerts.yaml compare a feed's age with the setting in force, not a copy of it
        Gauge.builder("ghost.stale.after", () -> staleAfterHours * 3600)
                .description("The stale window in force (GHOST_STALE_AFTER_HOURS), in seconds: a provider whose last"
                        + " fresh feed is older is alerted on")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Counter.builder(EVENTS_RECORDED)
                .description("Inference events recorded, counted once committed")
                .register(registry);
        // the notifications' outcomes, at 0 from the start (an alert on dead needs the series before the first)
        Map<String, String> outcomes = Map.of("delivered", "Notifications a webhook took",
                "retried", "Notification deliveries that failed and will be tried again",
                "dead", "Notifications no webhook took before GHOST_WEBHOOK_MAX_AGE_HOURS (no more tries)");
        outcomes.forEach((outcome, help) -> notifications.put(outcome,
                Counter.builder("ghost.notifications." + outcome).description(help).register(registry)));
        // read from the database at every poll of the outbox, so every replica shows the same
        Gauge.builder("ghost.webhook.receivers.gone", webhookReceiversGone, AtomicInteger::get)
                .description("Configured webhook receivers that answered 410 Gone: nothing is sent to them until their"
                        + " URL is configured anew (GET /api/webhooks names them)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("ghost.database.up", databaseUp, AtomicInteger::get)
                .description("1 while the service's periodic read of the catalog database succeeds, 0 while it fails"
                        + " (PostgreSQL unreachable)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The Prometheus registry Camel serves on the management port (made here unless Camel made it
     * already), with the ghost_* series and the connection pool's {@code hikaricp_*} in it.
     */
    public static GhostMetrics install(Registry camelRegistry, DataSource dataSource, Jdbi jdbi, double staleAfterHours)
            throws SQLException {
        PrometheusMeterRegistry registry = camelRegistry.lookupByNameAndType(REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            camelRegistry.bind(REGISTRY_NAME, registry);
        }
        // HikariCP takes a registry on a running pool (once): its hikaricp_* series, pool="catalog"
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            dataSource.unwrap(HikariDataSource.class).setMetricRegistry(registry);
        }
        GhostMetrics metrics = new GhostMetrics(registry, staleAfterHours);
        // the providers already in the catalog have their series before the management port answers
        // (the observe-providers route keeps them in step once the routes run)
        metrics.providers(jdbi.withHandle(h -> h.createQuery(SELECT_PROVIDERS)
                .map((rs, ctx) -> new ProviderFreshness(rs.getString("provider_id"),
                        rs.getObject("last_index_at", OffsetDateTime.class)))
                .list()));
        return metrics;
    }

    /** The feed route, after each file: counted by provider and outcome; a repeat (SKIPPED) is not counted. */
    public void feed(IngestionResult result) {
        if (result.status() == IngestionResult.Status.SKIPPED) {
            return;
        }
        ProviderMeters meters = provider(result.providerId());
        meters.feeds.get(result.status()).increment();
        meters.modelsIngested.increment(result.ingested());
    }

    /** A mark-stale run: what it deactivated and held, per provider; a dry run changed nothing and counts nothing. */
    public void markStale(StaleRun run) {
        if (run.dryRun()) {
            return;
        }
        for (StaleProvider p : run.providers()) {
            ProviderMeters meters = provider(p.providerId());
            meters.deactivated.increment(p.deactivated());
            meters.held.increment(p.held());
        }
    }

    /** A purge run: what it deleted, per provider; a dry run counts nothing. */
    public void purge(PurgeRun run) {
        if (run.dryRun()) {
            return;
        }
        for (PurgeProvider p : run.providers()) {
            provider(p.providerId()).purged.increment(p.purged());
        }
    }

    /** The catalog's providers and their last fresh feed, as the {@code observe-providers} route read them. */
    public void providers(List<ProviderFreshness> rows) {
        databaseUp.set(1);
        for (ProviderFreshness row : rows) {
            ProviderMeters meters = provider(row.providerId());
            if (row.lastIndexAt() != null) {
                Instant at = row.lastIndexAt().toInstant();
                // to the microsecond PostgreSQL keeps
                meters.lastFreshFeed(at.getEpochSecond() + at.getNano() / 1e9);
            }
        }
    }

    /** The notifications-send route, after each claim: its outcome, DELIVERED, DEAD or (else) retried. */
    public void notification(String status) {
        notifications.get("DELIVERED".equals(status) ? "delivered" : "DEAD".equals(status) ? "dead" : "retried")
                .increment();
    }

    /** The delivery route's poll: how many configured receivers are GONE. */
    public void webhookReceiversGone(int count) {
        webhookReceiversGone.set(count);
    }

    /** The periodic read failed: the database is away (or refuses the service). */
    public void databaseUnreachable() {
        databaseUp.set(0);
    }

    private ProviderMeters provider(String providerId) {
        return providers.computeIfAbsent(providerId, ProviderMeters::new);
    }

    /** One provider's series, all registered at once, at 0. */
    private final class ProviderMeters {
        private final String providerId;
        private final Map<IngestionResult.Status, Counter> feeds = new ConcurrentHashMap<>();
        private final Counter modelsIngested;
        private final Counter deactivated;
        private final Counter held;
        private final Counter purged;
        private volatile double lastFreshFeed = Double.NaN;
        private volatile boolean freshnessRegistered;

        ProviderMeters(String providerId) {
            this.providerId = providerId;
            for (IngestionResult.Status status : FEED_STATUSES) {
                feeds.put(status, Counter.builder("ghost.feeds")
                        .description("Feed files ingested, by provider and outcome: OK (models applied), EMPTY (no"
                                + " model listed, nothing changed), FAILED (not a list of models, nothing changed)")
                        .tag("provider", providerId).tag("status", status.name())
                        .register(registry));
            }
            modelsIngested = counter("ghost.feeds.models.ingested", "Models applied from OK feed files");
            deactivated = counter("ghost.maintenance.deactivated",
                    "Models deactivated by mark stale (soft delete; dry runs not counted)");
            held = counter("ghost.maintenance.held", "Stale models whose deactivation the mass-deactivation guard held,"
                    + " counted at every run that holds them (release: mark-stale --force --provider P)");
            purged = counter("ghost.maintenance.purged", "Inactive models deleted by purge (dry runs not counted)");
        }

        private Counter counter(String name, String help) {
            return Counter.builder(name).description(help).tag("provider", providerId).register(registry);
        }

        /** The gauge appears with the provider's first fresh feed: a provider without one has no age to alert on. */
        void lastFreshFeed(double epochSeconds) {
            lastFreshFeed = epochSeconds;
            if (!freshnessRegistered) {
                Gauge.builder("ghost.provider.last.fresh.feed", this, m -> m.lastFreshFeed)
                        .description("When the provider's last fresh (non-empty) feed was ingested, in epoch seconds"
                                + " (provider.last_index_at); alert on time() minus this")
                        .baseUnit("seconds")
                        .tag("provider", providerId)
                        .strongReference(true)
                        .register(registry);
                freshnessRegistered = true;
            }
        }
    }
}
