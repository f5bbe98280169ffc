package dev.ghostrecords.catalog;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog's counts: in total, by source and per provider, from {@code sql/catalog/select-stats.sql}. */
public final class CatalogStats {

    public record Stats(long total, long active, long inactive, Map<String, Long> bySource,
                        List<ProviderStats> providers) {
    }

    public record ProviderStats(String providerId, long total, long active, long inactive,
                                OffsetDateTime lastIndexAt, Integer lastIndexModels) {
    }

    /** One row per provider (camel-sql, {@link SqlRows}); the totals are their sums. */
    public Stats summarize(List<Map<String, Object>> rows) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        bySource.put("INDEX", sum(rows, "indexModels"));
        bySource.put("INFERENCE", sum(rows, "inferenceModels"));
        bySource.put("MANUAL", sum(rows, "manualModels"));
        List<ProviderStats> providers = rows.stream().map(row -> {
            long total = number(row, "total");
            long active = number(row, "active");
            return new ProviderStats((String) row.get("providerId"), total, active, total - active,
                    (OffsetDateTime) row.get("lastIndexAt"), (Integer) row.get("lastIndexModels"));
        }).toList();
        long total = sum(rows, "total");
        long active = sum(rows, "active");
        return new Stats(total, active, total - active, bySource, providers);
    }

    private static long sum(List<Map<String, Object>> rows, String column) {
        return rows.stream().mapToLong(row -> number(row, column)).sum();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
