package dev.ghostrecords.feeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ghostrecords.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.jdbi.v3.core.Jdbi;

import static dev.ghostrecords.Settings.stripped;

/** Provider feeds: the ingester, the version ledger the watcher asks, and (serving) the watched folder. */
public final class FeedsConfiguration implements CamelConfiguration {

    @PropertyInject("camel.server.enabled")
    String serving;
    @PropertyInject("ghost.models.dir")
    String modelsDir;
    @PropertyInject("ghost.models.poll-delay")
    String pollDelay;
    @PropertyInject("ghost.models.quiet-period")
    String quietPeriod;

    @BindToRegistry
    public FeedIngester feedIngester(Jdbi jdbi) {
        return new FeedIngester(jdbi);
    }

    @BindToRegistry
    public FeedVersions feedVersions(FeedIngester ingester) {
        return new FeedVersions(ingester);
    }

    @BindToRegistry
    public FeedRequests feedRequests() {
        return new FeedRequests();
    }

    /** Serving: the watcher's settings checked, and the folder in health (DOWN when it cannot be read). */
    @Override
    public void configure(CamelContext context) {
        if (!Boolean.parseBoolean(stripped(serving))) {
            return;
        }
        Settings.integer("ghost.models.poll-delay", pollDelay, 1, Integer.MAX_VALUE);
        Settings.integer("ghost.models.quiet-period", quietPeriod, 0, Integer.MAX_VALUE);
        Path models = Path.of(stripped(modelsDir));
        requireModelsFolder(models);
        HealthCheckRegistry.get(context).register(new FolderHealthCheck(models));
    }

    /** The watched folder, created when missing; one that cannot be used stops the service, named. */
    private static void requireModelsFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(Settings.variable("ghost.models.dir") + "='" + folder
                    + "' cannot be used as the watched folder (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); set it to a folder the service can create and read (setting ghost.models.dir)");
        }
        if (!Files.isReadable(folder)) {
            throw new IllegalArgumentException(Settings.variable("ghost.models.dir") + "='" + folder
                    + "' cannot be read (setting ghost.models.dir)");
        }
    }
}
