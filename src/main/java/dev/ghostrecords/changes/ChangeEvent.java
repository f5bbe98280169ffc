package dev.ghostrecords.changes;

import java.time.OffsetDateTime;
import java.util.Map;

/** One row of model_event as the change feed reads it; {@code kind} as stored (DEACTIVATED). */
public record ChangeEvent(String tx, long id, String providerId, String modelId, String kind, String source,
                          OffsetDateTime at, Map<String, Object> detail) {

    Cursor cursor() {
        return new Cursor(tx, id);
    }
}
