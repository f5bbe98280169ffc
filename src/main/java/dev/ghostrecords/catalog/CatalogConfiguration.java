package dev.ghostrecords.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** Every route's camel-sql rows, ready for JSON. */
    @Override
    public void configure(CamelContext context) {
        context.getComponent("sql", SqlComponent.class).setRowMapperFactory(new SqlRows());
    }

    /** ghost=true looks back over the stale window; retiring=true ahead over GHOST_RETIRING_DAYS. */
    @BindToRegistry
    public CatalogRequests catalogRequests(@BeanInject("jsonMapper") ObjectMapper json) {
        return new CatalogRequests(json, Settings.positive("ghost.stale.after-hours", staleAfterHours),
                Settings.positive("ghost.retiring.days", retiringDays));
    }
}
