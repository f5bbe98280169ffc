package dev.ghostrecords.catalog;

import java.time.OffsetDateTime;

/** GET /api/model?provider=P&model=M&at=T: a model as it was at a point in time. */
public record ModelAt(String providerId, String modelId, OffsetDateTime at) {

    @Override
    public String toString() {
        return providerId + "/" + modelId + " at " + at;
    }
}
