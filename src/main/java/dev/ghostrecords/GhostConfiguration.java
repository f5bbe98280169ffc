package dev.ghostrecords;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.fetch.Fetcher;
import dev.ghostrecords.fetch.NoClientRetries;
import dev.ghostrecords.fetch.Providers;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.jdbi.v3.core.Jdbi;
import org.quartz.CronExpression;

/**
 * The provider sync's wiring (routes/fetch.camel.yaml), until fetch/ has a configuration class of its
 * own; added last, it takes the database and the JSON mapper the capabilities' classes bound.
 */
public final class GhostConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(key -> properties.resolveProperty(key).orElse(""));
        bindFetcher(context, settings, context.getRegistry().lookupByNameAndType("jdbi", Jdbi.class),
                context.getRegistry().lookupByNameAndType("jsonMapper", ObjectMapper.class));
    }

    /** Provider sync: the providers file and the fetch settings, checked now ({@code never}: see GhostApplication). */
    private static void bindFetcher(CamelContext context, Settings settings, Jdbi jdbi, ObjectMapper json) throws Exception {
        String cron = settings.text("ghost.fetch.cron");
        boolean scheduled = !cron.equalsIgnoreCase("never");
        if (scheduled && !CronExpression.isValidExpression(cron)) {
            throw Settings.refused("ghost.fetch.cron", cron,
                    "a Quartz cron with seconds (e.g. '0 0 */6 * * ?' = every 6 hours) or 'never'");
        }
        Fetcher.Options options = new Fetcher.Options(settings.integer("ghost.fetch.attempts", 1, 100),
                settings.integer("ghost.fetch.backoff-ms", 0, 600_000), settings.integer("ghost.fetch.timeout-ms", 1, 3_600_000),
                settings.integer("ghost.fetch.keep", 1, 100_000));
        Fetcher fetcher = new Fetcher(context, jdbi, json, Providers.load(settings.text("ghost.providers.file")), options,
                Path.of(settings.text("ghost.models.dir")), System::getenv);
        context.getRegistry().bind("fetcher", fetcher);
        context.getRegistry().bind("fetchHttpClient", new NoClientRetries());
        // ghost_fetch_total at 0 for every provider and status, once the metrics registry exists
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes are starting; the metrics registry is bound once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                fetcher.registerMeters();
            }
        });
    }
}
