package dev.ghostrecords.catalog;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.ghostrecords.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.jdbi.v3.core.Jdbi;

/** The catalog's reads and edits: what routes/catalog.camel.yaml and routes/openai.camel.yaml call. */
public final class CatalogConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;
    @PropertyInject("ghost.retiring.days")
    String retiringDays;

    @BindToRegistry
    public Catalog catalog(Jdbi jdbi, @BeanInject("jsonMapper") ObjectMapper json) {
        return new Catalog(jdbi, json);
    }

    @BindToRegistry
    public CatalogStats catalogStats() {
        return new CatalogStats();
    }

    /** Started and stopped with the context (its LISTEN connection and thread). */
    @BindToRegistry
    public CatalogRevisions catalogRevisions(DataSource dataSource, Jdbi jdbi) {
        return new CatalogRevisions((HikariDataSource) dataSource, jdbi);
    }

    /**
     * The first step of a route whose answer follows any change of the catalog (conditional GET).
     * ?ghost=true and ?retiring=true select by the clock too (the stale window, the retirement
     * window): their ETags carry when the clock next changes the answer.
     */
    @BindToRegistry
    public ConditionalGet catalogEtag(CatalogRevisions catalogRevisions) {
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.CATALOG, List.of(
                ConditionalGet.Clock.of("ghost", "catalog/next-ghost-change.sql",
                        Map.of("hours", Settings.positive("ghost.stale.after-hours", staleAfterHours))),
                retiringClock("retiring")));
    }

    /** The first step of a route that shows models' identity and fields only (/v1/models). */
    @BindToRegistry
    public ConditionalGet listingEtag(CatalogRevisions catalogRevisions) {
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.LISTING, List.of());
    }

    /** The same, for an answer that also marks the retiring models (within GHOST_RETIRING_DAYS) whatever its query. */
    @BindToRegistry
    public ConditionalGet listingRetiringEtag(CatalogRevisions catalogRevisions) {
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.LISTING, List.of(retiringClock(null)));
    }

    private ConditionalGet.Clock retiringClock(String parameter) {
        return ConditionalGet.Clock.of(parameter, "catalog/next-retiring-change.sql",
                Map.of("days", Settings.positive("ghost.retiring.days", retiringDays)));
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addService(context.getRegistry().lookupByNameAndType("catalogRevisions", CatalogRevisions.class), true, true);
    }

    /** ghost=true looks back over the stale window; retiring=true ahead over GHOST_RETIRING_DAYS. */
    @BindToRegistry
    public CatalogRequests catalogRequests(@BeanInject("jsonMapper") ObjectMapper json) {
        return new CatalogRequests(json, Settings.positive("ghost.stale.after-hours", staleAfterHours),
                Settings.positive("ghost.retiring.days", retiringDays));
    }
}
