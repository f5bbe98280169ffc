package dev.ghostrecords.maintenance;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mark stale and purge: the jobs, their requests, and the schedules routes/maintenance.camel.yaml reads. */
public final class MaintenanceConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceConfiguration.class);

    @PropertyInject("ghost.stale.cron")
    String staleCron;
    @PropertyInject("ghost.purge.cron")
    String purgeCron;
    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;
    @PropertyInject("ghost.stale.max-fraction")
    String maxFraction;
    @PropertyInject("ghost.purge.after-days")
    String purgeAfterDays;
    @PropertyInject("ghost.history.retention-days")
    String retentionDays;

    @BindToRegistry
    public Maintenance maintenance(Jdbi jdbi, @BeanInject("jsonMapper") ObjectMapper json) {
        return new Maintenance(jdbi, json, Settings.positive("ghost.stale.after-hours", staleAfterHours),
                Settings.fraction("ghost.stale.max-fraction", maxFraction),
                Settings.positive("ghost.purge.after-days", purgeAfterDays),
                Settings.positive("ghost.history.retention-days", retentionDays));
    }

    @BindToRegistry
    public MaintenanceRequests maintenanceRequests() {
        return new MaintenanceRequests();
    }

    @Override
    public void configure(CamelContext context) {
        Map<String, String> derived = new HashMap<>();
        schedule(derived, "ghost.stale", staleCron);
        schedule(derived, "ghost.purge", purgeCron);
        context.getPropertiesComponent().addPropertiesSource(new DerivedSettings(derived));
    }

    /**
     * A schedule's cron checked, and what its route reads: {@code <prefix>.schedule.cron} (the cron)
     * and {@code <prefix>.schedule.on} (its autoStartup). {@code never} leaves the route stopped, with
     * a valid cron that is never used (the quartz endpoint parses its cron even while its route is stopped).
     */
    private static void schedule(Map<String, String> derived, String prefix, String value) {
        String cronKey = prefix + ".cron";
        String cron = Settings.cron(cronKey, value);
        derived.put(prefix + ".schedule.on", Boolean.toString(cron != null));
        derived.put(prefix + ".schedule.cron", cron != null ? cron : "0 0 0 1 1 ? 2099");
        if (cron == null) {
            LOG.info("{}=never: that schedule is off", Settings.variable(cronKey));
        }
    }

    /** Values computed from the settings, for the routes' placeholders; ahead of every other source. */
    private record DerivedSettings(Map<String, String> values) implements PropertiesSource, Ordered {
        @Override
        public String getName() {
            return "ghost-derived-settings";
        }

        @Override
        public String getProperty(String name) {
            return values.get(name);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
