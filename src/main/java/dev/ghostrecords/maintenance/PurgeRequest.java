package dev.ghostrecords.maintenance;

import dev.ghostrecords.catalog.CatalogException;

/**
 * A purge run as the API, the CLI and the schedule ask for it.
 *
 * @param days null for the setting ({@code GHOST_PURGE_AFTER_DAYS})
 */
public record PurgeRequest(Double days, boolean dryRun) {

    public PurgeRequest {
        if (days != null && !(days > 0 && Double.isFinite(days))) {
            throw new CatalogException.Invalid("days must be a positive number, got " + days);
        }
    }

    public static PurgeRequest scheduled() {
        return new PurgeRequest(null, false);
    }
}
