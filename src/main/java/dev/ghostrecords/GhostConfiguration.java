package dev.ghostrecords;

import java.nio.file.Path;

import dev.ghostrecords.catalog.CatalogDatabase;
import dev.ghostrecords.catalog.CatalogStats;
import dev.ghostrecords.feeds.FeedIngester;
import dev.ghostrecords.feeds.FeedVersions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Opens the catalog database (migrated) and binds the beans the routes and commands call, from
 * the {@code ghost.*} settings in application.properties.
 */
public final class GhostConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent settings = context.getPropertiesComponent();
        CatalogDatabase database = CatalogDatabase.open(
                setting(settings, "ghost.db.url"),
                setting(settings, "ghost.db.user"),
                setting(settings, "ghost.db.password"),
                Path.of(setting(settings, "ghost.data.dir")),
                Integer.parseInt(setting(settings, "ghost.db.pool-size")));
        // stopped with the context, after the routes: the embedded server goes down with the service
        context.addService(database, true, true);

        FeedIngester ingester = new FeedIngester(database.dataSource());
        Registry registry = context.getRegistry();
        registry.bind("dataSource", database.dataSource());
        registry.bind("feedIngester", ingester);
        registry.bind("feedVersions", new FeedVersions(ingester));
        registry.bind("catalogStats", new CatalogStats(database.dataSource()));
    }

    private static String setting(PropertiesComponent settings, String key) {
        return settings.resolveProperty(key).orElse("");
    }
}
