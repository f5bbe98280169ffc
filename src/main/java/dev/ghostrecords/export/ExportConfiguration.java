package dev.ghostrecords.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import dev.ghostrecords.catalog.ConditionalGet;
import dev.ghostrecords.catalog.CatalogRevisions;
import dev.ghostrecords.fetch.ConfiguredProviders;
import dev.ghostrecords.fetch.Kind;
import dev.ghostrecords.fetch.Provider;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.jdbi.v3.core.Jdbi;

/**
 * The exports' wiring (routes/export.camel.yaml): the providers file names each provider's key
 * variable and address.
 */
public final class ExportConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;
    @PropertyInject("ghost.retiring.days")
    String retiringDays;

    /** Lazy: made on first use, once FetchConfiguration has bound the providers file's providers. */
    @BindToRegistry(lazy = true)
    public Exports exports(Jdbi jdbi, @BeanInject("jsonMapper") ObjectMapper json,
                           @BeanInject("configuredProviders") ConfiguredProviders providers) {
        Map<String, String> keyEnvs = new HashMap<>();
        Map<String, String> compatibleUrls = new HashMap<>();
        for (Provider p : providers.all()) {
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
        return new Exports(jdbi, json, ghostHours(), retiringDays(), new ExportProviders(keyEnvs, compatibleUrls));
    }

    /**
     * Conditional GET: both exports read metadata (any change of the catalog) and mark ghosts and
     * retiring models, which the clock changes too: their ETags carry when it next does.
     */
    @BindToRegistry
    public ConditionalGet exportEtag(@BeanInject("catalogRevisions") CatalogRevisions catalogRevisions) {
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.CATALOG, List.of(
                ConditionalGet.Clock.of(null, "catalog/next-ghost-change.sql", Map.of("hours", ghostHours())),
                ConditionalGet.Clock.of(null, "catalog/next-retiring-change.sql", Map.of("days", retiringDays()))));
    }

    private double ghostHours() {
        return Settings.positive("ghost.stale.after-hours", staleAfterHours);
    }

    private double retiringDays() {
        return Settings.positive("ghost.retiring.days", retiringDays);
    }
}
