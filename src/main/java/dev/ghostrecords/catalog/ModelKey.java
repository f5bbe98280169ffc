package dev.ghostrecords.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** One model's key; the provider id normalised ({@link ProviderIds}), the model id exactly as given. */
@Schema(name = "ModelKey", requiredProperties = {"providerId", "modelId"})
public record ModelKey(@Schema(example = "openai") String providerId, @Schema(example = "gpt-4o") String modelId) {

    public ModelKey {
        providerId = ProviderIds.normalize(providerId);
    }

    @Override
    public String toString() {
        return providerId + "/" + modelId;
    }
}
