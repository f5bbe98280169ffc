package dev.ghostrecords.maintenance;

import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ProviderIds;

/**
 * A mark-stale run as the API, the CLI and the schedule ask for it; the same checks for all.
 *
 * @param hours null for the setting ({@code GHOST_STALE_AFTER_HOURS})
 */
public record StaleRequest(Double hours, String providerId, boolean force, boolean dryRun) {

    public StaleRequest {
        // as the API refuses ?provider= with a control character, so does mark-stale --provider
        if (providerId != null && providerId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CatalogException.Invalid("provider must not contain control characters");
        }
        // the rule every way in shares: a name that is no provider id is refused, not silently matched by none
        providerId = ProviderIds.normalize(providerId) == null ? null : ProviderIds.require("provider", providerId);
        if (hours != null && !(hours > 0 && Double.isFinite(hours))) {
            throw new CatalogException.Invalid("hours must be a positive number, got " + hours);
        }
        if (force && providerId == null) {
            throw new CatalogException.Invalid("force needs a provider: force=true&provider=P (mark-stale --force --provider P),"
                    + " so one provider's held models are released at a time");
        }
    }

    /** What the schedule runs: the settings, nothing forced. */
    public static StaleRequest scheduled() {
        return new StaleRequest(null, null, false, false);
    }
}
