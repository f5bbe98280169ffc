package dev.ghostrecords.fetch;

import java.util.List;
import java.util.stream.Collectors;

import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ProviderIds;

/** The providers of the providers file, read once at start, and which of them a request asks for. */
public final class ConfiguredProviders {

    private final List<Provider> providers;

    public ConfiguredProviders(List<Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    public List<Provider> all() {
        return providers;
    }

    /** One provider, or (none named) all of them in the file's order; an unknown one is refused, naming the known. */
    public List<Provider> select(FetchRequest request) {
        String id = ProviderIds.normalize(request == null ? null : request.providerId());
        if (id == null) {
            return providers;
        }
        ProviderIds.require("provider", request.providerId());
        return providers.stream().filter(p -> p.id().equals(id)).findFirst().map(List::of)
                .orElseThrow(() -> new CatalogException.Invalid("unknown provider '" + request.providerId()
                        + "': the providers file lists " + (providers.isEmpty() ? "none"
                        : providers.stream().map(Provider::id).collect(Collectors.joining(", ")))));
    }
}
