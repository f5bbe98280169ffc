package dev.ghostrecords.catalog;

import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.ghostrecords.api.ConditionalGet;
import dev.ghostrecords.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.sql.SqlComponent;
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

    /** The first step of a route whose answer follows any change of the catalog (conditional GET). */
    @BindToRegistry
    public ConditionalGet catalogEtag(CatalogRevisions catalogRevisions) {
        // ?ghost=true and ?retiring=true select by the clock too (the stale window, the retirement
        // window): no validator for them rather than one that misses a model moving in or out
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.CATALOG, Set.of("ghost", "retiring"));
    }

    /** The first step of a route that lists models' identity and fields only (/v1/models, the models.dev export). */
    @BindToRegistry
    public ConditionalGet listingEtag(CatalogRevisions catalogRevisions) {
        return new ConditionalGet(catalogRevisions, CatalogRevisions.Scope.LISTING, Set.of());
    }

    /** Every route's camel-sql rows, ready for JSON. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addService(context.getRegistry().lookupByNameAndType("catalogRevisions", CatalogRevisions.class), true, true);
        context.getComponent("sql", SqlComponent.class).setRowMapperFactory(new SqlRows());
    }

    /** ghost=true looks back over the stale window; retiring=true ahead over GHOST_RETIRING_DAYS. */
    @BindToRegistry
    public CatalogRequests catalogRequests(@BeanInject("jsonMapper") ObjectMapper json) {
        return new CatalogRequests(json, Settings.positive("ghost.stale.after-hours", staleAfterHours),
                Settings.positive("ghost.retiring.days", retiringDays));
    }
}
