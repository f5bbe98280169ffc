package dev.ghostrecords.fetch;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of POST /api/fetch: the fetches done, in the providers file's order. */
@Schema(name = "FetchRun", description = "The fetches a POST /api/fetch ran", requiredProperties = "fetches")
public record FetchRun(List<Fetch> fetches) {

    /** The fetches a run gathered, one per provider asked for. */
    public static FetchRun of(List<Fetch> fetches) {
        return new FetchRun(List.copyOf(fetches));
    }
}
