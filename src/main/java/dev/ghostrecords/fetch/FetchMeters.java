package dev.ghostrecords.fetch;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;

/** {@code ghost_fetch_total{provider,status}}: each fetch counted by how it ended. */
public final class FetchMeters {

    private static final List<String> STATUSES = List.of("OK", "FAILED", "SKIPPED");

    private final CamelContext context;
    private final MeterRegistry fallback = new SimpleMeterRegistry();

    public FetchMeters(CamelContext context) {
        this.context = context;
    }

    public void count(Fetch fetch) {
        counter(fetch.providerId(), fetch.status()).increment();
    }

    /** Every provider and status at 0, so a dashboard sees them before the first fetch. */
    public void registerAtZero(List<Provider> providers) {
        for (Provider provider : providers) {
            STATUSES.forEach(status -> counter(provider.id(), status));
        }
    }

    /** The counter in the service's metrics registry (Micrometer gives back the one registered before). */
    private Counter counter(String providerId, String status) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (registry == null) {
            // no metrics (a one-shot command): counted nowhere
            registry = fallback;
        }
        return Counter.builder("ghost.fetch").description("Provider fetches, by provider and outcome (OK, FAILED, SKIPPED)")
                .tag("provider", providerId).tag("status", status).register(registry);
    }
}
