package dev.ghostrecords;

import java.util.List;
import java.util.Map;

import dev.ghostrecords.api.ApiConfiguration;
import dev.ghostrecords.catalog.CatalogConfiguration;
import dev.ghostrecords.changes.ChangesConfiguration;
import dev.ghostrecords.database.DatabaseConfiguration;
import dev.ghostrecords.export.ExportConfiguration;
import dev.ghostrecords.feeds.FeedsConfiguration;
import dev.ghostrecords.fetch.FetchConfiguration;
import dev.ghostrecords.inference.InferenceConfiguration;
import dev.ghostrecords.maintenance.MaintenanceConfiguration;
import dev.ghostrecords.notifications.NotificationsConfiguration;
import dev.ghostrecords.notifications.WebhookSettingsConfiguration;
import dev.ghostrecords.observe.ObserveConfiguration;
import dev.ghostrecords.web.WebConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;

/** The service as Camel Main: the one place that assembles it, for the commands and the tests alike. */
public final class GhostApplication {

    private GhostApplication() {
    }

    /**
     * @param serving   true for {@code serve} (routes: watcher, HTTP, schedules); false for one-shot
     *                  commands, which need the database, the beans and the direct: routes only
     * @param overrides settings that win over application.properties and the environment
     */
    public static Main create(boolean serving, Map<String, String> overrides) {
        Main main = new Main();
        // In this order: Camel Main binds every configuration's beans (@BindToRegistry) one
        // configuration after another, then runs each one's configure(CamelContext); a configuration
        // takes from the registry what the ones before it bound. Instances, not classes: Main
        // post-processes a class it instantiates itself twice, which would run each
        // @BindToRegistry method (opening the database among them) twice.
        List<CamelConfiguration> configurations = List.of(
                // the HTTP edge first: an address or port that cannot be used stops the start before anything opens
                new ApiConfiguration(),
                // the kinds to queue, which every database connection carries
                new WebhookSettingsConfiguration(),
                // opened and migrated: dataSource and jdbi for everything below
                new DatabaseConfiguration(),
                new ObserveConfiguration(),
                new CatalogConfiguration(),
                new ChangesConfiguration(),
                new FeedsConfiguration(),
                new InferenceConfiguration(),
                new MaintenanceConfiguration(),
                new NotificationsConfiguration(),
                new WebConfiguration(),
                new FetchConfiguration(),
                // after fetch: the exports name each provider's key variable from its providers file
                new ExportConfiguration());
        configurations.forEach(main.configure()::addConfiguration);
        if (serving) {
            // the schedules' clustered store; a one-shot command builds no Quartz scheduler at all
            main.addOverrideProperty("camel.component.quartz.properties-file", "quartz.properties");
        } else {
            // a one-shot command starts only what its direct: routes need: no HTTP, schedules or metrics
            main.addOverrideProperty("camel.main.route-filter-include-pattern", "direct:*");
            main.addOverrideProperty("camel.server.enabled", "false");
            main.addOverrideProperty("camel.management.enabled", "false");
            main.addOverrideProperty("camel.metrics.enabled", "false");
            // registering every route and processor as an MBean was a second of a command's start
            main.addOverrideProperty("camel.main.jmx-enabled", "false");
        }
        overrides.forEach(main::addOverrideProperty);
        // GHOST_FETCH_CRON=never: no fetch schedule at all (a Quartz trigger in the shared tables
        // would reschedule the other replicas' fetches)
        String fetchCron = overrides.getOrDefault("ghost.fetch.cron", System.getenv("GHOST_FETCH_CRON"));
        if (serving && fetchCron != null && fetchCron.strip().equalsIgnoreCase("never")) {
            main.addOverrideProperty("camel.main.route-filter-exclude-pattern", "fetch-schedule");
        }
        return main;
    }
}
