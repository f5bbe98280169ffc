package dev.ghostrecords.notifications;

import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A webhook notification of the outbox, as its {@code notification} row holds it. */
@Schema(name = "Notification", description = "A webhook notification in the outbox",
        requiredProperties = {"id", "kind", "providerId", "modelId", "createdAt", "status", "attempts", "lastAttemptAt",
                "lastError", "deliveredAt", "nextAttemptAt", "payload"})
public record Notification(@Schema(description = "the webhook-id header receivers dedupe on", format = "uuid") String id,
                           @Schema(example = "model.discovered") String kind,
                           @Schema(nullable = true) String providerId, @Schema(nullable = true) String modelId,
                           OffsetDateTime createdAt,
                           @Schema(allowableValues = {"PENDING", "DELIVERED", "DEAD"}) String status, int attempts,
                           @Schema(nullable = true) OffsetDateTime lastAttemptAt, @Schema(nullable = true) String lastError,
                           @Schema(nullable = true) OffsetDateTime deliveredAt,
                           @Schema(description = "when the next attempt is due, while PENDING") OffsetDateTime nextAttemptAt,
                           @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE, description = "the body POSTed: {id, kind, at, provider, model?, detail, text}")
                           Map<String, Object> payload) {
}
