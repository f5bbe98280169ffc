package dev.ghostrecords.notifications;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** A configured webhook receiver as GET /api/webhooks shows it. */
@Schema(name = "WebhookReceiver", description = "A configured webhook receiver, its state and counts",
        requiredProperties = {"url", "state", "lastDeliveryAt", "lastError", "lastErrorAt", "delivered", "retried", "dead"})
public record ReceiverStatus(
        @Schema(description = "its URL without credentials or query", example = "https://hooks.example.com/path") String url,
        @Schema(description = "GONE once it answered 410 Gone: nothing is sent to it until its URL is configured anew",
                allowableValues = {"ACTIVE", "GONE"}) String state,
        @Schema(nullable = true, description = "when it last took a notification") OffsetDateTime lastDeliveryAt,
        @Schema(nullable = true, description = "its last failed attempt's error") String lastError,
        @Schema(nullable = true) OffsetDateTime lastErrorAt,
        @Schema(description = "notifications it took") long delivered,
        @Schema(description = "attempts that failed and were tried again") long retried,
        @Schema(description = "notifications it never took (DEAD)") long dead) {
}
