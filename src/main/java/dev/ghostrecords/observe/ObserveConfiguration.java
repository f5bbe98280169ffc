package dev.ghostrecords.observe;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.ghostrecords.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/** /observe/metrics: the ghost_* series (at 0 from the start) and the pool's hikaricp_*. */
public final class ObserveConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.stale.after-hours")
    String staleAfterHours;

    @BindToRegistry
    public GhostMetrics ghostMetrics(Registry registry, DataSource dataSource, Jdbi jdbi) throws SQLException {
        return GhostMetrics.install(registry, dataSource, jdbi, Settings.positive("ghost.stale.after-hours", staleAfterHours));
    }
}
