package dev.ghostrecords.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The catalog's counts: in total, by source and per provider, from {@code sql/catalog/select-stats.sql}. */
public final class CatalogStats {

    /** One row of select-stats.sql: a provider's counts. */
    public record ProviderCounts(String providerId, long total, long active, long indexModels, long inferenceModels,
                                 long manualModels, OffsetDateTime lastIndexAt, Integer lastIndexModels) {
    }

    @Schema(name = "Stats", requiredProperties = {"total", "active", "inactive", "bySource", "providers"})
    public record Stats(long total, long active, long inactive,
                        @Schema(description = "INDEX, INFERENCE and MANUAL counts") BySource bySource,
                        List<ProviderStats> providers) {
    }

    @Schema(name = "BySource", description = "models by provenance", requiredProperties = {"INDEX", "INFERENCE", "MANUAL"})
    public record BySource(@JsonProperty("INDEX") long index,
                           @JsonProperty("INFERENCE") long inference,
                           @JsonProperty("MANUAL") long manual) {
    }

    @Schema(name = "ProviderStats", requiredProperties = {"providerId", "total", "active", "inactive", "lastIndexAt", "lastIndexModels"})
    public record ProviderStats(String providerId, long total, long active, long inactive,
                                @Schema(nullable = true, description = "the last feed that counted as fresh") OffsetDateTime lastIndexAt,
                                @Schema(nullable = true, description = "models in that feed") Integer lastIndexModels) {
    }

    /** The totals are the providers' sums: one statement, one snapshot. */
    public Stats summarize(List<ProviderCounts> rows) {
        List<ProviderStats> providers = rows.stream().map(row -> new ProviderStats(row.providerId(), row.total(), row.active(),
                row.total() - row.active(), row.lastIndexAt(), row.lastIndexModels())).toList();
        long total = sum(rows, ProviderCounts::total);
        long active = sum(rows, ProviderCounts::active);
        return new Stats(total, active, total - active, new BySource(sum(rows, ProviderCounts::indexModels),
                sum(rows, ProviderCounts::inferenceModels), sum(rows, ProviderCounts::manualModels)), providers);
    }

    private static long sum(List<ProviderCounts> rows, ToLongFunction<ProviderCounts> column) {
        return rows.stream().mapToLong(column).sum();
    }
}
