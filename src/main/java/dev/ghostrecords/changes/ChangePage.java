package dev.ghostrecords.changes;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/changes}: the next changes, oldest first, and where to go on from. */
@Schema(name = "ChangePage", description = "The next changes, oldest first", requiredProperties = {"changes", "next"})
public record ChangePage(List<Change> changes,
                         @Schema(description = "pass as after to get what follows; the same cursor again when nothing followed yet")
                         String next) {

    /**
     * One row of {@code select-changes.sql}: where the statement's look ended (scanTx, scanId), and
     * a change that matched unless none did.
     */
    public record Row(String scanTx, Long scanId, ChangeEvent event) {
    }
}
