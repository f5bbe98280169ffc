package dev.ghostrecords.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The API's JSON shapes as the OpenAPI document shows them (/api/openapi.json): the REST DSL in
 * routes/*.camel.yaml names these records in {@code responseModel:} and {@code type:}, and
 * camel-openapi-java turns each into {@code #/components/schemas/<name>}. Only the document reads
 * them; the routes write the same fields from their rows and records (ApiDocumentIT checks that
 * real answers hold no field these shapes lack).
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "Error", description = "Every 4xx and 503 answer", requiredProperties = "error")
    public record Error(@Schema(description = "what is wrong, in words; names the parameter, field or array index",
            example = "limit must be between 1 and 1000, got 0") String error) {
    }

    @Schema(name = "Model", description = "One model of the catalog; times are ISO-8601 UTC",
            requiredProperties = {"providerId", "modelId", "isActive", "source", "firstSeenAt", "lastSeenAt"})
    public record Model(
            @Schema(example = "openai") String providerId,
            @Schema(description = "as a client passes it when it calls the model; may hold '/', ':', '@'", example = "gpt-4o") String modelId,
            @Schema(nullable = true) String name,
            @Schema(nullable = true) Long contextWindow,
            @Schema(nullable = true) Long maxOutputTokens,
            @Schema(nullable = true, description = "USD per token, such as {\"prompt\": 0.0000025, \"completion\": 0.00001}")
            Map<String, Double> pricing,
            @Schema(nullable = true, description = "the provider's announced retirement date") OffsetDateTime retiresAt,
            @Schema(nullable = true) Boolean deprecated,
            boolean isActive,
            @Schema(allowableValues = {"INDEX", "INFERENCE", "MANUAL"}, description = "provenance; never overwritten") String source,
            OffsetDateTime firstSeenAt,
            @Schema(description = "the latest sighting of any kind") OffsetDateTime lastSeenAt,
            @Schema(nullable = true) OffsetDateTime lastIndexedAt,
            @Schema(nullable = true) OffsetDateTime lastInferenceAt,
            @Schema(nullable = true) OffsetDateTime deactivatedAt,
            @Schema(description = "the provider's raw entry (or the metadata an event or a person gave)") Map<String, Object> metadata) {
    }

    @Schema(name = "ModelPage", description = "A page of the catalog", requiredProperties = {"total", "limit", "offset", "models"})
    public record ModelPage(@Schema(description = "models that match, on every page") long total, int limit, int offset,
                            List<Model> models) {
    }

    @Schema(name = "ModelInput", description = "An inference event, or a model added by hand",
            requiredProperties = {"providerId", "modelId"})
    public record ModelInput(
            @Schema(maxLength = 128, description = "a slug; lower-cased on the way in", example = "openai") String providerId,
            @Schema(maxLength = 1024, example = "gpt-4o") String modelId,
            @Schema(maxLength = 1024, example = "GPT-4o") String modelName,
            @Schema(description = "must be an object") Map<String, Object> metadata) {
    }

    @Schema(name = "ModelKey", requiredProperties = {"providerId", "modelId"})
    public record ModelKey(@Schema(example = "openai") String providerId, @Schema(example = "gpt-4o") String modelId) {
    }

    @Schema(name = "Recorded", requiredProperties = "recorded")
    public record Recorded(@Schema(description = "events committed") int recorded) {
    }

    @Schema(name = "Stats", requiredProperties = {"total", "active", "inactive", "bySource", "providers"})
    public record Stats(long total, long active, long inactive,
                        @Schema(description = "INDEX, INFERENCE and MANUAL counts") Map<String, Long> bySource,
                        List<ProviderStats> providers) {
    }

    @Schema(name = "ProviderStats", requiredProperties = {"providerId", "total", "active", "inactive"})
    public record ProviderStats(String providerId, long total, long active, long inactive,
                                @Schema(nullable = true, description = "the last feed that counted as fresh") OffsetDateTime lastIndexAt,
                                @Schema(nullable = true, description = "models in that feed") Long lastIndexModels) {
    }

    @Schema(name = "Ingestion", description = "One feed file's ingestion run",
            requiredProperties = {"id", "fileName", "providerId", "startedAt", "status"})
    public record Ingestion(long id, String fileName, String providerId, @Schema(nullable = true) Long fileSize,
                            @Schema(nullable = true) OffsetDateTime fileModifiedAt, OffsetDateTime startedAt,
                            @Schema(nullable = true) OffsetDateTime finishedAt,
                            @Schema(allowableValues = {"OK", "EMPTY", "FAILED"}, description = "a run in progress may have its own")
                            String status,
                            @Schema(nullable = true) Long modelsIngested, @Schema(nullable = true) Long modelsSkipped,
                            @Schema(nullable = true, description = "the reason, for FAILED: file and position") String error) {
    }

    @Schema(name = "ModelEvent", description = "One lifecycle change in the audit trail",
            requiredProperties = {"id", "providerId", "modelId", "kind", "at"})
    public record ModelEvent(long id, String providerId, String modelId,
                             @Schema(allowableValues = {"DISCOVERED", "REACTIVATED", "DEACTIVATED", "PURGED", "CHANGED"}) String kind,
                             @Schema(nullable = true) String source, OffsetDateTime at,
                             @Schema(nullable = true, description = "the reason, the run") Map<String, Object> detail) {
    }

    @Schema(name = "StaleRun", description = "What a mark-stale run did (or, dry, would do), per provider")
    public record StaleRun(String job, String runId, boolean dryRun, boolean force, @Schema(nullable = true) String provider,
                           double staleAfterHours, double maxFraction, long deactivated,
                           @Schema(description = "deactivations held by the mass-deactivation guard") long held,
                           List<StaleProvider> providers) {
    }

    @Schema(name = "StaleProvider")
    public record StaleProvider(String providerId, long activeModels, long candidates, long deactivated, long held) {
    }

    @Schema(name = "PurgeRun", description = "What a purge run did (or, dry, would do), per provider")
    public record PurgeRun(String job, String runId, boolean dryRun, double purgeAfterDays, long purged,
                           List<PurgeProvider> providers) {
    }

    @Schema(name = "PurgeProvider")
    public record PurgeProvider(String providerId, long purged) {
    }

    @Schema(name = "MaintenanceRun", description = "A recorded maintenance run")
    public record MaintenanceRun(long id, @Schema(allowableValues = {"mark-stale", "purge"}) String job,
                                 OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt,
                                 boolean dryRun, @Schema(description = "the run's StaleRun or PurgeRun") Map<String, Object> result) {
    }

    @Schema(name = "LifecycleSettings", description = "The lifecycle settings in force")
    public record LifecycleSettings(double staleAfterHours, double maxFraction, double purgeAfterDays) {
    }

    @Schema(name = "OpenAiModel", description = "A model in the OpenAI shape", requiredProperties = {"id", "object", "created", "owned_by"})
    public record OpenAiModel(@Schema(description = "<providerId>/<modelId>", example = "openai/gpt-4o") String id,
                              @Schema(allowableValues = "model") String object,
                              @Schema(description = "first seen, epoch seconds") long created,
                              @Schema(description = "the provider") String owned_by) {
    }

    @Schema(name = "OpenAiModelList", description = "The active catalog in the OpenAI list shape", requiredProperties = {"object", "data"})
    public record OpenAiModelList(@Schema(allowableValues = "list") String object, List<OpenAiModel> data) {
    }

    @Schema(name = "ModelVersion", description = "One version of a model's normalised fields", requiredProperties = "validFrom")
    public record ModelVersion(OffsetDateTime validFrom, @Schema(nullable = true, description = "null: the current version")
            OffsetDateTime validTo, @Schema(nullable = true) String name, @Schema(nullable = true) Long contextWindow,
                               @Schema(nullable = true) Long maxOutputTokens, @Schema(nullable = true) Map<String, Double> pricing,
                               @Schema(nullable = true) OffsetDateTime retiresAt, @Schema(nullable = true) Boolean deprecated) {
    }

    @Schema(name = "ModelHistory", description = "A model's versions, oldest first", requiredProperties = "versions")
    public record ModelHistory(List<ModelVersion> versions) {
    }

    @Schema(name = "Notification", description = "A webhook notification in the outbox",
            requiredProperties = {"id", "kind", "createdAt", "status", "attempts", "payload"})
    public record Notification(@Schema(description = "the X-Ghost-Event-Id receivers dedupe on") String id,
                               @Schema(example = "model.discovered") String kind,
                               @Schema(nullable = true) String providerId, @Schema(nullable = true) String modelId,
                               OffsetDateTime createdAt,
                               @Schema(allowableValues = {"PENDING", "DELIVERED", "DEAD"}) String status, int attempts,
                               @Schema(nullable = true) OffsetDateTime lastAttemptAt, @Schema(nullable = true) String lastError,
                               @Schema(nullable = true) OffsetDateTime deliveredAt,
                               @Schema(nullable = true) OffsetDateTime nextAttemptAt,
                               @Schema(description = "the body POSTed: {id, kind, at, provider, model?, detail, text}")
                               Map<String, Object> payload) {
    }

    @Schema(name = "Fetch", description = "One provider fetch (provider sync); error never holds a key",
            requiredProperties = {"id", "providerId", "startedAt", "status", "attempts", "pages"})
    public record Fetch(long id, String providerId, OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt,
                        @Schema(allowableValues = {"RUNNING", "OK", "FAILED", "SKIPPED"}) String status,
                        @Schema(nullable = true, description = "the last HTTP status the provider answered") Integer httpStatus,
                        @Schema(description = "requests sent, retries included") int attempts,
                        @Schema(description = "pages received") int pages,
                        @Schema(nullable = true) Integer models,
                        @Schema(nullable = true, description = "the feed file written into the watched folder, for OK") String fileName,
                        @Schema(nullable = true, description = "the reason: the status, the page, the message") String error) {
    }

    @Schema(name = "FetchRun", description = "The fetches a POST /api/fetch ran", requiredProperties = "fetches")
    public record FetchRun(List<Fetch> fetches) {
    }
}
