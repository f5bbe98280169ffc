package dev.ghostrecords.maintenance;

import java.util.List;
import java.util.Locale;

import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.flag;
import static dev.ghostrecords.catalog.QueryParams.limit;
import static dev.ghostrecords.catalog.QueryParams.oneOf;
import static dev.ghostrecords.catalog.QueryParams.plain;
import static dev.ghostrecords.catalog.QueryParams.positive;
import static dev.ghostrecords.catalog.QueryParams.text;

/**
 * The maintenance requests read into the records the jobs take, with the checks the commands' options
 * get too; whatever does not parse is refused naming the parameter (400).
 */
public final class MaintenanceRequests {

    private static final List<String> JOBS = List.of("MARK-STALE", "PURGE");

    /** GET /api/maintenance/runs */
    public RunQuery maintenanceRuns(@Header("job") String job, @Header("limit") String limit) {
        String name = oneOf("job", job, JOBS);
        return new RunQuery(name == null ? null : name.toLowerCase(Locale.ROOT), limit(limit, 20));
    }

    /** POST /api/maintenance/mark-stale */
    public StaleRequest markStale(@Header("hours") String hours, @Header("provider") String provider,
                                  @Header("force") String force, @Header("dryRun") String dryRun) {
        return new StaleRequest(positive("hours", hours), text(plain("provider", provider)), flag("force", force),
                flag("dryRun", dryRun));
    }

    /** POST /api/maintenance/purge */
    public PurgeRequest purge(@Header("days") String days, @Header("dryRun") String dryRun) {
        return new PurgeRequest(positive("days", days), flag("dryRun", dryRun));
    }
}
