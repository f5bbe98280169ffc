package dev.ghostrecords.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.api.ApiException;
import dev.ghostrecords.catalog.Sql;
import dev.ghostrecords.catalog.Transactions;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.api.QueryParams.flag;
import static dev.ghostrecords.api.QueryParams.positive;
import static dev.ghostrecords.api.QueryParams.text;
import static dev.ghostrecords.catalog.Sql.params;

/**
 * The ghost-records lifecycle jobs: mark stale (soft delete, with the mass-deactivation guard) and
 * purge (hard delete, audited). Scheduled, called by the API and the CLI alike; runs never overlap.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private static final Sql LOCK = Sql.load("maintenance/lock-maintenance.sql");
    private static final Sql MARK_STALE = Sql.load("maintenance/mark-stale.sql");
    private static final Sql PURGE = Sql.load("maintenance/purge.sql");
    private static final Sql RECORD_RUN = Sql.load("maintenance/insert-maintenance-run.sql");
    private static final Sql LATEST_RUNS = Sql.load("maintenance/select-latest-runs.sql");

    /** One provider in a mark-stale run; in a dry run, {@code deactivated} is what would be. */
    public record StaleProvider(String providerId, long activeModels, long candidates, long deactivated, long held) {
    }

    public record StaleRun(String job, String runId, boolean dryRun, boolean force, String provider,
                           double staleAfterHours, double maxFraction, long deactivated, long held,
                           List<StaleProvider> providers) {
    }

    public record PurgeProvider(String providerId, long purged) {
    }

    public record PurgeRun(String job, String runId, boolean dryRun, double purgeAfterDays, long purged,
                           List<PurgeProvider> providers) {
    }

    public record Run(long id, String job, OffsetDateTime startedAt, OffsetDateTime finishedAt, boolean dryRun,
                      @JsonRawValue String result) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final double staleAfterHours;
    private final double maxFraction;
    private final double purgeAfterDays;

    public Maintenance(DataSource dataSource, ObjectMapper json, double staleAfterHours, double maxFraction,
                       double purgeAfterDays) {
        this.dataSource = dataSource;
        this.json = json;
        this.staleAfterHours = staleAfterHours;
        this.maxFraction = maxFraction;
        this.purgeAfterDays = purgeAfterDays;
    }

    /** The API's and the schedule's entry: options as query parameters (absent = the settings). */
    public StaleRun requestMarkStale(@Header("hours") String hours, @Header("provider") String provider,
                              @Header("force") String force, @Header("dryRun") String dryRun) throws SQLException {
        return markStale(positive("hours", hours, staleAfterHours), text(provider), flag("force", force),
                flag("dryRun", dryRun));
    }

    /** @param hours NaN for the setting */
    public StaleRun markStale(double hours, String provider, boolean force, boolean dryRun) throws SQLException {
        double staleAfter = Double.isNaN(hours) ? staleAfterHours : hours;
        if (force && provider == null) {
            throw ApiException.badRequest("force needs a provider: force=true&provider=P (mark-stale --force --provider P),"
                    + " so one provider's held models are released at a time");
        }
        String providerId = provider == null ? null : provider.toLowerCase(Locale.ROOT);
        String runId = UUID.randomUUID().toString();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        StaleRun result = Transactions.inTransaction(dataSource, c -> {
            lock(c);
            List<StaleProvider> providers = new ArrayList<>();
            try (PreparedStatement run = MARK_STALE.prepare(c, params("staleAfterHours", staleAfter, "providerId", providerId,
                    "force", force, "maxFraction", maxFraction, "dryRun", dryRun, "runId", runId));
                 ResultSet rs = run.executeQuery()) {
                while (rs.next()) {
                    boolean held = rs.getBoolean("held");
                    long index = rs.getLong("index_candidates");
                    long inference = rs.getLong("inference_candidates");
                    // a dry run reports what would go: the INFERENCE ones, and the INDEX ones unless held
                    long deactivated = dryRun ? inference + (held ? 0 : index) : rs.getLong("deactivated");
                    providers.add(new StaleProvider(rs.getString("provider_id"), rs.getLong("active_models"),
                            index + inference, deactivated, held ? index : 0));
                }
            }
            StaleRun run = new StaleRun("mark-stale", runId, dryRun, force, providerId, staleAfter, maxFraction,
                    providers.stream().mapToLong(StaleProvider::deactivated).sum(),
                    providers.stream().mapToLong(StaleProvider::held).sum(), providers);
            record(c, "mark-stale", startedAt, dryRun, run);
            return run;
        });
        log(result);
        return result;
    }

    public PurgeRun requestPurge(@Header("days") String days, @Header("dryRun") String dryRun) throws SQLException {
        return purge(positive("days", days, purgeAfterDays), flag("dryRun", dryRun));
    }

    /** @param days NaN for the setting */
    public PurgeRun purge(double days, boolean dryRun) throws SQLException {
        double purgeAfter = Double.isNaN(days) ? purgeAfterDays : days;
        String runId = UUID.randomUUID().toString();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        PurgeRun result = Transactions.inTransaction(dataSource, c -> {
            lock(c);
            List<PurgeProvider> providers = new ArrayList<>();
            try (PreparedStatement run = PURGE.prepare(c, params("purgeAfterDays", purgeAfter, "dryRun", dryRun, "runId", runId));
                 ResultSet rs = run.executeQuery()) {
                while (rs.next()) {
                    providers.add(new PurgeProvider(rs.getString("provider_id"),
                            dryRun ? rs.getLong("due") : rs.getLong("purged")));
                }
            }
            PurgeRun run = new PurgeRun("purge", runId, dryRun, purgeAfter,
                    providers.stream().mapToLong(PurgeProvider::purged).sum(), providers);
            record(c, "purge", startedAt, dryRun, run);
            return run;
        });
        LOG.info("purge{}: {} models {} (inactive for more than {} days) {}", dryRun ? " (dry run)" : "",
                result.purged(), dryRun ? "would be purged" : "purged", result.purgeAfterDays(), result.providers());
        return result;
    }

    /** The settings the jobs run with, for the operator page (nothing secret). */
    public record Settings(double staleAfterHours, double maxFraction, double purgeAfterDays) {
    }

    public Settings settings() {
        return new Settings(staleAfterHours, maxFraction, purgeAfterDays);
    }

    /** The latest runs, newest first; {@code job} null for both jobs. */
    public List<Run> runs(@Header("job") String job, @Header("limit") String limit) throws SQLException {
        int rows = (int) positive("limit", limit, 20);
        List<Run> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = LATEST_RUNS.prepare(c, params("job", text(job), "limit", Math.min(rows, 1000)));
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(rs.getLong("id"), rs.getString("job"), rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("finished_at", OffsetDateTime.class), rs.getBoolean("dry_run"), rs.getString("result")));
            }
        }
        return runs;
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement lock = LOCK.prepare(c, Map.of()); ResultSet rs = lock.executeQuery()) {
            rs.next();
        }
    }

    private void record(Connection c, String job, OffsetDateTime startedAt, boolean dryRun, Object result)
            throws SQLException {
        try {
            RECORD_RUN.update(c, params("job", job, "startedAt", startedAt, "dryRun", dryRun,
                    "result", json.writeValueAsString(result)));
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
