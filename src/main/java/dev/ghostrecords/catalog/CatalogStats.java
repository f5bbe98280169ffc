package dev.ghostrecords.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Counts of the catalog: in total, by source and per provider. */
public final class CatalogStats {

    private static final Sql TOTALS = Sql.load("catalog/select-totals.sql");
    private static final Sql PROVIDER_TOTALS = Sql.load("catalog/select-provider-totals.sql");

    public record Stats(long total, long active, long inactive, Map<String, Long> bySource,
                        List<ProviderStats> providers) {
    }

    public record ProviderStats(String providerId, long total, long active, long inactive,
                                OffsetDateTime lastIndexAt, Integer lastIndexModels) {
    }

    private final DataSource dataSource;

    public CatalogStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Stats stats() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // one snapshot for both queries, so the totals and the provider lines agree
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return read(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private static Stats read(Connection c) throws SQLException {
        long total;
        long active;
        Map<String, Long> bySource = new LinkedHashMap<>();
        try (PreparedStatement totals = TOTALS.prepare(c, Map.of()); ResultSet rs = totals.executeQuery()) {
            rs.next();
            total = rs.getLong("total");
            active = rs.getLong("active");
            bySource.put("INDEX", rs.getLong("index_models"));
            bySource.put("INFERENCE", rs.getLong("inference_models"));
            bySource.put("MANUAL", rs.getLong("manual_models"));
        }
        List<ProviderStats> providers = new ArrayList<>();
        try (PreparedStatement perProvider = PROVIDER_TOTALS.prepare(c, Map.of());
             ResultSet rs = perProvider.executeQuery()) {
            while (rs.next()) {
                long providerTotal = rs.getLong("total");
                long providerActive = rs.getLong("active");
                providers.add(new ProviderStats(rs.getString("provider_id"), providerTotal, providerActive,
                        providerTotal - providerActive, rs.getObject("last_index_at", OffsetDateTime.class),
                        (Integer) rs.getObject("last_index_models")));
            }
        }
        return new Stats(total, active, total - active, bySource, providers);
    }
}
