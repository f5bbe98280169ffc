package dev.ghostrecords.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import dev.ghostrecords.api.ConditionalGet;
import dev.ghostrecords.catalog.CatalogRevisions;
import dev.ghostrecords.fetch.ConfiguredProviders;
import dev.ghostrecords.fetch.Kind;
import dev.ghostrecords.fetch.Provider;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * The exports' wiring (routes/export.camel.yaml): added after FetchConfiguration, whose providers file
 * names each provider's key variable and address.
 */
public final class ExportConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;
    @PropertyInject("ghost.retiring.days")
    String retiringDays;

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Map<String, String> keyEnvs = new HashMap<>();
        Map<String, String> compatibleUrls = new HashMap<>();
        for (Provider p : registry.lookupByNameAndType("configuredProviders", ConfiguredProviders.class).all()) {
            if (p.keyEnv() != null) {
                keyEnvs.put(p.id(), p.keyEnv());
            }
            if (p.kind() == Kind.OPENAI && !p.id().equals("openai")) {
                compatibleUrls.put(p.id(), p.baseUrl());
            } else if (p.kind() == Kind.OLLAMA) {
                // Ollama's OpenAI-compatible API, beside its own /api/tags
                compatibleUrls.put(p.id(), p.baseUrl() + "/v1");
            }
        }
        double ghostHours = Settings.positive("ghost.stale.after-hours", staleAfterHours);
        double retiring = Settings.positive("ghost.retiring.days", retiringDays);
        registry.bind("exports", new Exports(registry.lookupByNameAndType("jdbi", Jdbi.class),
                registry.lookupByNameAndType("jsonMapper", ObjectMapper.class), ghostHours, retiring,
                new ExportProviders(keyEnvs, compatibleUrls)));
        // conditional GET: both exports read metadata (any change of the catalog) and mark ghosts and
        // retiring models, which the clock changes too: their ETags carry when it next does
        registry.bind("exportEtag", new ConditionalGet(registry.lookupByNameAndType("catalogRevisions", CatalogRevisions.class),
                CatalogRevisions.Scope.CATALOG, List.of(
                        ConditionalGet.Clock.of(null, "catalog/next-ghost-change.sql", Map.of("hours", ghostHours)),
                        ConditionalGet.Clock.of(null, "catalog/next-retiring-change.sql", Map.of("days", retiring)))));
    }
}
