package dev.ghostrecords;

import java.util.List;
import java.util.Map;

import dev.ghostrecords.api.ApiConfiguration;
import dev.ghostrecords.catalog.CatalogConfiguration;
import dev.ghostrecords.database.DatabaseConfiguration;
import dev.ghostrecords.feeds.FeedsConfiguration;
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

    /**
     * Each capability's configuration class, in this order: Camel Main binds every class's beans
     * ({@code @BindToRegistry}) class after class, then runs each one's {@code configure}; a class
     * takes from the registry what the classes before it bound.
     */
    private static final List<Class<? extends CamelConfiguration>> CONFIGURATIONS = List.of(
            // the HTTP edge first: an address or port that cannot be used stops the start before anything opens
            ApiConfiguration.class,
            // the kinds to queue, which every database connection carries
            WebhookSettingsConfiguration.class,
            // opened and migrated: dataSource and jdbi for everything below
            DatabaseConfiguration.class,
            ObserveConfiguration.class,
            CatalogConfiguration.class,
            FeedsConfiguration.class,
            InferenceConfiguration.class,
            MaintenanceConfiguration.class,
            NotificationsConfiguration.class,
            WebConfiguration.class,
            GhostConfiguration.class);

    private GhostApplication() {
    }

    /**
     * @param serving   true for {@code serve} (routes: watcher, HTTP, schedules); false for one-shot
     *                  commands, which need the database, the beans and the direct: routes only
     * @param overrides settings that win over application.properties and the environment
     */
    public static Main create(boolean serving, Map<String, String> overrides) {
        Main main = new Main();
        CONFIGURATIONS.forEach(main.configure()::addConfiguration);
        if (!serving) {
            main.addOverrideProperty("camel.main.route-filter-include-pattern", "direct:*");
            main.addOverrideProperty("camel.component.quartz.auto-start-scheduler", "false");
            main.addOverrideProperty("camel.server.enabled", "false");
            main.addOverrideProperty("camel.management.enabled", "false");
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
