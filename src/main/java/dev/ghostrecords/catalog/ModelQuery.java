package dev.ghostrecords.catalog;

/**
 * A page of the catalog, as {@code sql/catalog/select-models.sql} takes it; null filters match all.
 *
 * @param text         text in the model id or name (case-insensitive)
 * @param ghostHours   only ghosts: used by inference within this many hours, not in the latest fresh feed
 * @param retiringDays only retiring models: deprecated, or retiring within this many days (or retired)
 */
public record ModelQuery(Boolean active, String providerId, String source, String text, Double ghostHours,
                         int limit, int offset, Double retiringDays) {

    public ModelQuery(Boolean active, String providerId, String source, String text, Double ghostHours, int limit, int offset) {
        this(active, providerId, source, text, ghostHours, limit, offset, null);
    }

    public ModelQuery retiringWithin(Double days) {
        return new ModelQuery(active, providerId, source, text, ghostHours, limit, offset, days);
    }
}
