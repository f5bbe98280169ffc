package dev.ghostrecords;

import java.util.Map;

import dev.ghostrecords.fetch.FetchConfiguration;
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
        main.configure().addConfiguration(GhostConfiguration.class);
        main.configure().addConfiguration(FetchConfiguration.class);
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
