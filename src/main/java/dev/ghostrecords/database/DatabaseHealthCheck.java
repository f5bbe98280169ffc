package dev.ghostrecords.database;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while PostgreSQL does not answer: a load balancer then sends traffic elsewhere. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("ghost", "database");
        this.dataSource = dataSource;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                builder.up();
            } else {
                builder.message("PostgreSQL did not answer within 2 s").down();
            }
        } catch (Exception e) {
            builder.message("PostgreSQL unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
