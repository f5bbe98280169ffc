package dev.ghostrecords.fetch;

import java.util.List;

/** The answer of POST /api/fetch: the fetches done, in the providers file's order. */
public record FetchRun(List<Fetch> fetches) {

    /** The fetches a run gathered, one per provider asked for. */
    public static FetchRun of(List<Fetch> fetches) {
        return new FetchRun(List.copyOf(fetches));
    }
}
