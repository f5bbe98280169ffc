package dev.ghostrecords.inference;

import java.util.ArrayList;

import dev.ghostrecords.catalog.ModelInput;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /api/inference-events as the OpenAPI document declares it: one event, or an array of them. */
@Schema(name = "InferenceEvents", description = "One event, or an array of at most 1000 events",
        oneOf = {ModelInput.Body.class, InferenceEventsBody.Batch.class})
public interface InferenceEventsBody {

    /** Up to 1000 events recorded in one commit. */
    @ArraySchema(arraySchema = @Schema(name = "InferenceEventBatch", description = "at most 1000 events"),
            schema = @Schema(implementation = ModelInput.Body.class), maxItems = 1000)
    final class Batch extends ArrayList<ModelInput.Body> {
    }
}
