package dev.ghostrecords.maintenance;

import org.junit.jupiter.api.Test;

import static dev.ghostrecords.catalog.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceRequestsTest {

    private final MaintenanceRequests requests = new MaintenanceRequests();

    @Test
    void should_read_the_list_filters_of_runs() {
        assertThat(requests.maintenanceRuns("Mark-Stale", null)).isEqualTo(new RunQuery("mark-stale", 20));
        refused(() -> requests.maintenanceRuns("vacuum", null), "job must be one of [MARK-STALE, PURGE], got 'vacuum'");
    }

    @Test
    void should_refuse_control_characters_in_the_provider() {
        refused(() -> requests.markStale(null, "a\u007fb", null, null), "provider must not contain control characters");
    }

    @Test
    void should_read_maintenance_runs_with_the_same_checks_as_the_commands() {
        assertThat(requests.markStale("12.5", "Acme", "true", "true")).isEqualTo(new StaleRequest(12.5, "acme", true, true));
        assertThat(requests.markStale(null, null, null, null)).isEqualTo(StaleRequest.scheduled());
        refused(() -> requests.markStale("-5", null, null, null), "hours must be a positive number, got '-5'");
        refused(() -> requests.markStale("NaN", null, null, null), "hours must be a positive number, got 'NaN'");
        refused(() -> requests.markStale(null, null, "true", null),
                "force needs a provider: force=true&provider=P (mark-stale --force --provider P), so one provider's held models are released at a time");
        refused(() -> new StaleRequest(-5.0, null, false, true), "hours must be a positive number, got -5.0");
        assertThat(requests.purge("40", "false")).isEqualTo(new PurgeRequest(40.0, false));
        refused(() -> requests.purge("0", null), "days must be a positive number, got '0'");
        refused(() -> new PurgeRequest(Double.POSITIVE_INFINITY, false), "days must be a positive number, got Infinity");
    }
}
