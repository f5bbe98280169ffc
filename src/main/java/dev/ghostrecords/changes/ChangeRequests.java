package dev.ghostrecords.changes;

import java.util.List;
import java.util.Locale;

import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ProviderIds;
import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.DEFAULT_LIMIT;
import static dev.ghostrecords.catalog.QueryParams.limit;
import static dev.ghostrecords.catalog.QueryParams.plain;

/** The change feed's requests, read once; whatever does not parse is refused naming it (400). */
public final class ChangeRequests {

    /** The kinds as the API and the webhooks name them; stored upper-case without the prefix. */
    static final List<String> KINDS = List.of("model.discovered", "model.changed", "model.deactivated", "model.reactivated",
            "model.purged", "model.ghost", "model.retiring");

    /** How many changes one filtered page looks at, so a rare kind still moves next on. */
    static final int FILTERED_SCAN = 10_000;

    /** The Atom feed: the latest this many. */
    static final int ATOM_ENTRIES = 100;

    /** GET /api/changes?after=&limit=&provider=&kind= */
    public ChangeQuery changes(@Header("after") String after, @Header("limit") String limit,
                               @Header("provider") String provider, @Header("kind") String kind) {
        Cursor cursor = Cursor.decode(plain("after", after));
        int size = limit(limit, DEFAULT_LIMIT);
        String providerId = ProviderIds.normalize(plain("provider", provider));
        String stored = kind(kind);
        int scan = providerId == null && stored == null ? size : Math.max(size, FILTERED_SCAN);
        return new ChangeQuery(cursor.tx(), cursor.id(), providerId, stored, size, scan);
    }

    /** GET /feeds/changes.atom?provider=&kind= */
    public LatestQuery latest(@Header("provider") String provider, @Header("kind") String kind) {
        return new LatestQuery(ProviderIds.normalize(plain("provider", provider)), kind(kind), ATOM_ENTRIES);
    }

    /** model.deactivated -> DEACTIVATED; null when absent. */
    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        String lower = plain("kind", kind).strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(lower)) {
            throw new CatalogException.Invalid("kind must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
        }
        return lower.substring("model.".length()).toUpperCase(Locale.ROOT);
    }

    /** DEACTIVATED -> model.deactivated */
    static String apiKind(String stored) {
        return "model." + stored.toLowerCase(Locale.ROOT);
    }
}
