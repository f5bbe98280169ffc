package dev.ghostrecords.catalog;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model in the OpenAI "list models" shape, so the OpenAI SDKs read the catalog as a provider. */
@Schema(name = "OpenAiModel", description = "A model in the OpenAI shape", requiredProperties = {"id", "object", "created", "owned_by"})
public record OpenAiModel(@Schema(description = "<providerId>/<modelId>", example = "openai/gpt-4o") String id,
                          @Schema(allowableValues = "model") String object,
                          @Schema(description = "first seen, epoch seconds") long created,
                          @Schema(description = "the provider") @JsonProperty("owned_by") String ownedBy) {

    static OpenAiModel of(String providerId, String modelId, OffsetDateTime firstSeenAt) {
        return new OpenAiModel(providerId + "/" + modelId, "model", firstSeenAt.toEpochSecond(), providerId);
    }

}
