package dev.ghostrecords.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /v1/models}: the active catalog in the OpenAI list shape (written as it streams, by {@link Catalog#openAiList}). */
@Schema(name = "OpenAiModelList", description = "The active catalog in the OpenAI list shape", requiredProperties = {"object", "data"})
public record OpenAiModelList(@Schema(allowableValues = "list") String object, List<OpenAiModel> data) {
}
