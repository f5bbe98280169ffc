package dev.ghostrecords.maintenance;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.database.Statements;
import dev.ghostrecords.notifications.Notifications;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ghost-records lifecycle jobs: mark stale (soft delete, with the mass-deactivation guard) and
 * purge (hard delete, audited). Scheduled, called by the API and the CLI alike; runs never overlap.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private static final String LOCK = Statements.load("maintenance/lock-maintenance.sql");
    private static final String MARK_STALE = Statements.load("maintenance/mark-stale.sql");
    private static final String PURGE = Statements.load("maintenance/purge.sql");
    private static final String RECORD_RUN = Statements.load("maintenance/insert-maintenance-run.sql");
    /** The tables purge prunes past the retention, with the query naming their prunable ids. */
    private static final Map<String, String> PRUNABLE = prunable();
    /** Rows deleted per transaction: short row locks, no long-held table lock, bounded WAL per commit. */
    static final int PRUNE_BATCH = 5000;

    /** One provider in a mark-stale run; in a dry run, {@code deactivated} is what would be. */
    @Schema(name = "StaleProvider", requiredProperties = {"providerId", "activeModels", "candidates", "deactivated", "held"})
    public record StaleProvider(String providerId, long activeModels, long candidates, long deactivated, long held) {
    }

    @Schema(name = "StaleRun", description = "What a mark-stale run did (or, dry, would do), per provider",
            requiredProperties = {"job", "runId", "dryRun", "force", "provider", "staleAfterHours", "maxFraction", "deactivated",
                    "held", "providers"})
    public record StaleRun(@Schema(allowableValues = "mark-stale") String job, String runId, boolean dryRun, boolean force,
                           @Schema(nullable = true) String provider, double staleAfterHours, double maxFraction, long deactivated,
                           @Schema(description = "deactivations held by the mass-deactivation guard") long held,
                           List<StaleProvider> providers) {
    }

    @Schema(name = "PurgeProvider", requiredProperties = {"providerId", "purged"})
    public record PurgeProvider(String providerId, long purged) {
    }

    @Schema(name = "Pruned", description = "Rows older than the history retention deleted (or, dry, that would be), per table",
            requiredProperties = {"ingestion", "fetch", "notification", "maintenanceRun"})
    public record Pruned(long ingestion, long fetch, long notification,
                         long maintenanceRun) {
        static Pruned of(Map<String, Long> counts) {
            return new Pruned(counts.get("ingestion"), counts.get("fetch"), counts.get("notification"), counts.get("maintenance_run"));
        }
    }

    @Schema(name = "PurgeRun", description = "What a purge run did (or, dry, would do), per provider, and the rows pruned past the"
            + " history retention", requiredProperties = {"job", "runId", "dryRun", "purgeAfterDays", "purged", "providers",
            "retentionDays", "pruned"})
    public record PurgeRun(@Schema(allowableValues = "purge") String job, String runId, boolean dryRun, double purgeAfterDays, long purged,
                           List<PurgeProvider> providers, double retentionDays, Pruned pruned) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final double staleAfterHours;
    private final double maxFraction;
    private final double purgeAfterDays;
    private final double retentionDays;

    public Maintenance(Jdbi jdbi, ObjectMapper json, double staleAfterHours, double maxFraction,
                       double purgeAfterDays, double retentionDays) {
        this.jdbi = jdbi;
        this.json = json;
        this.staleAfterHours = staleAfterHours;
        this.maxFraction = maxFraction;
        this.purgeAfterDays = purgeAfterDays;
        this.retentionDays = retentionDays;
    }

    /** Mark stale, as the schedule, the API and the CLI ask for it. */
    public StaleRun markStale(StaleRequest request) {
        double staleAfter = request.hours() == null ? staleAfterHours : request.hours();
        String providerId = request.providerId();
        boolean force = request.force();
        boolean dryRun = request.dryRun();
        String runId = UUID.randomUUID().toString();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        StaleRun result = jdbi.inTransaction(h -> {
            lock(h);
            List<StaleProvider> providers = h.createQuery(MARK_STALE).bind("staleAfterHours", staleAfter)
                    .bind("providerId", providerId).bind("force", force).bind("maxFraction", maxFraction)
                    .bind("dryRun", dryRun).bind("runId", runId)
                    .map((rs, ctx) -> {
                        boolean held = rs.getBoolean("held");
                        long index = rs.getLong("index_candidates");
                        long inference = rs.getLong("inference_candidates");
                        // a dry run reports what would go: the INFERENCE ones, and the INDEX ones unless held
                        long deactivated = dryRun ? inference + (held ? 0 : index) : rs.getLong("deactivated");
                        return new StaleProvider(rs.getString("provider_id"), rs.getLong("active_models"),
                                index + inference, deactivated, held ? index : 0);
                    })
                    .list();
            if (!dryRun) {
                // sweep.held is told in the run's own transaction, like every other notification
                Notifications.sweepHeld(h, providerId, providers.stream().filter(p -> p.held() > 0)
                        .map(p -> new Notifications.Held(p.providerId(), p.held(), p.activeModels())).toList(), maxFraction);
            }
            StaleRun run = new StaleRun("mark-stale", runId, dryRun, force, providerId, staleAfter, maxFraction,
                    providers.stream().mapToLong(StaleProvider::deactivated).sum(),
                    providers.stream().mapToLong(StaleProvider::held).sum(), providers);
            record(h, "mark-stale", startedAt, dryRun, run);
            return run;
        });
        log(result);
        return result;
    }

    /** Purge, as the schedule, the API and the CLI ask for it. */
    public PurgeRun purge(PurgeRequest request) {
        double purgeAfter = request.days() == null ? purgeAfterDays : request.days();
        boolean dryRun = request.dryRun();
        String runId = UUID.randomUUID().toString();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        // pruned before the run's own transaction, in batches of their own: none holds locks for long
        Pruned pruned = prune(startedAt.minusSeconds(Math.round(retentionDays * 86400)), dryRun);
        PurgeRun result = jdbi.inTransaction(h -> {
            lock(h);
            List<PurgeProvider> providers = h.createQuery(PURGE).bind("purgeAfterDays", purgeAfter).bind("dryRun", dryRun)
                    .bind("runId", runId)
                    .map((rs, ctx) -> new PurgeProvider(rs.getString("provider_id"),
                            dryRun ? rs.getLong("due") : rs.getLong("purged")))
                    .list();
            PurgeRun run = new PurgeRun("purge", runId, dryRun, purgeAfter,
                    providers.stream().mapToLong(PurgeProvider::purged).sum(), providers, retentionDays, pruned);
            record(h, "purge", startedAt, dryRun, run);
            return run;
        });
        LOG.info("purge{}: {} models {} (inactive for more than {} days) {}", dryRun ? " (dry run)" : "",
                result.purged(), dryRun ? "would be purged" : "purged", result.purgeAfterDays(), result.providers());
        LOG.info("purge{}: older than {} days {}: {}", dryRun ? " (dry run)" : "", retentionDays,
                dryRun ? "would be pruned" : "pruned", pruned);
        return result;
    }

    /** Deletes (or, dry, counts) the rows of each prunable table older than {@code cutoff}. */
    private Pruned prune(OffsetDateTime cutoff, boolean dryRun) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PRUNABLE.forEach((table, delete) -> {
            if (dryRun) {
                // the same delete, all at once, rolled back: what a real run would prune
                counts.put(table, jdbi.withHandle(h -> {
                    h.begin();
                    try {
                        return (long) h.createUpdate(delete).bind("cutoff", cutoff).bindNull("batch", Types.INTEGER).execute();
                    } finally {
                        h.rollback();
                    }
                }));
                return;
            }
            long total = 0;
            int deleted;
            do {
                // each batch is its own (autocommit) transaction
                deleted = jdbi.withHandle(h -> h.createUpdate(delete).bind("cutoff", cutoff).bind("batch", PRUNE_BATCH).execute());
                total += deleted;
            } while (deleted == PRUNE_BATCH);
            counts.put(table, total);
        });
        return Pruned.of(counts);
    }

    private static Map<String, String> prunable() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : List.of("ingestion", "fetch", "notification", "maintenance_run")) {
            tables.put(table, Statements.load("maintenance/prune-" + table.replace('_', '-') + ".sql"));
        }
        return tables;
    }

    /** The settings the jobs run with, for the operator page (nothing secret). */
    @Schema(name = "LifecycleSettings", description = "The lifecycle settings in force",
            requiredProperties = {"staleAfterHours", "maxFraction", "purgeAfterDays", "retentionDays"})
    public record Settings(double staleAfterHours, double maxFraction, double purgeAfterDays, double retentionDays) {
    }

    public Settings settings() {
        return new Settings(staleAfterHours, maxFraction, purgeAfterDays, retentionDays);
    }

    private static void lock(Handle h) {
        h.createQuery(LOCK).mapToMap().list();
    }

    private void record(Handle h, String job, OffsetDateTime startedAt, boolean dryRun, Object result) {
        try {
            h.createUpdate(RECORD_RUN).bind("job", job).bind("startedAt", startedAt).bind("dryRun", dryRun)
                    .bind("result", json.writeValueAsString(result)).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(StaleRun run) {
        String mode = run.dryRun() ? " (dry run)" : "";
        for (StaleProvider p : run.providers()) {
            if (p.held() > 0) {
                LOG.warn("mark-stale{}: provider={} HELD {} of {} active models (over {}% at once): not deactivated;"
                                + " if the feed is right, run mark-stale --force --provider {}",
                        mode, p.providerId(), p.held(), p.activeModels(), Math.round(run.maxFraction() * 100), p.providerId());
            }
            if (p.deactivated() > 0) {
                LOG.info("mark-stale{}: provider={} {} {} of {} active models", mode, p.providerId(),
                        run.dryRun() ? "would deactivate" : "deactivated", p.deactivated(), p.activeModels());
            }
        }
        LOG.info("mark-stale{}: {} deactivated, {} held (stale after {} hours)", mode, run.deactivated(), run.held(),
                run.staleAfterHours());
    }
}
