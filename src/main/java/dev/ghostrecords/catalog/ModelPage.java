package dev.ghostrecords.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/models}: a page of the catalog and the count of all that match. */
@Schema(name = "ModelPage", description = "A page of the catalog", requiredProperties = {"total", "limit", "offset", "models"})
public record ModelPage(@Schema(description = "models that match, on every page") long total, int limit, int offset,
                        List<Model> models) {

    /** One row of {@code select-models.sql}: the total, and a model unless the page is past the end. */
    public record Row(long total, Model model) {
    }
}
