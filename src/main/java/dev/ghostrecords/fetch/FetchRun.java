package dev.ghostrecords.fetch;

import java.util.List;

/** The answer of POST /api/fetch: the fetches done, in the providers file's order. */
public record FetchRun(List<Fetch> fetches) {
}
