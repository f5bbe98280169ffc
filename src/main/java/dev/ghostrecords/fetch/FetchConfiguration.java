package dev.ghostrecords.fetch;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.quartz.CronExpression;

import static dev.ghostrecords.Settings.integer;
import static dev.ghostrecords.Settings.stripped;

/**
 * Provider sync's wiring: the beans routes/fetch.camel.yaml calls, and the fetch settings they are
 * made from, each checked (a wrong one stops serve and the commands alike, naming its variable).
 */
public final class FetchConfiguration implements CamelConfiguration {

    // the keys and the JSON of pages and files are shared by the beans below
    private final ProviderKeys keys = new ProviderKeys(System::getenv);
    private final ObjectMapper json = new ObjectMapper();

    @PropertyInject("ghost.fetch.cron")
    String cron;
    @PropertyInject("ghost.fetch.attempts")
    String attempts;
    @PropertyInject("ghost.fetch.backoff-ms")
    String backoffMs;
    @PropertyInject("ghost.fetch.timeout-ms")
    String timeoutMs;
    @PropertyInject("ghost.fetch.keep")
    String keep;
    @PropertyInject("ghost.providers.file")
    String providersFile;
    @PropertyInject("ghost.models.dir")
    String modelsDir;

    @BindToRegistry
    public ProviderKeys providerKeys() {
        return keys;
    }

    @BindToRegistry
    public ProviderLocks providerLocks() {
        return new ProviderLocks();
    }

    @BindToRegistry
    public FetchRequests fetchRequests() {
        return new FetchRequests();
    }

    @BindToRegistry
    public FetchPaging fetchPaging() {
        return new FetchPaging(keys, json);
    }

    @BindToRegistry
    public FetchMeters fetchMeters(CamelContext context) {
        return new FetchMeters(context);
    }

    /**
     * The beans made from settings, bound here rather than by annotation: the settings are checked
     * in a fixed order, and a wrong one stops the start with its own one-line message.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        String schedule = stripped(cron);
        // never: the schedule is left out (GhostApplication)
        if (!schedule.equalsIgnoreCase("never") && !CronExpression.isValidExpression(schedule)) {
            throw Settings.refused("ghost.fetch.cron", schedule, "a Quartz cron with seconds (e.g. '0 0 */6 * * ?' = every 6 hours) or 'never'");
        }
        int attemptsPerPage = integer("ghost.fetch.attempts", attempts, 1, 100);
        int backoff = integer("ghost.fetch.backoff-ms", backoffMs, 0, 600_000);
        int timeout = integer("ghost.fetch.timeout-ms", timeoutMs, 1, 3_600_000);
        int filesKept = integer("ghost.fetch.keep", keep, 1, 100_000);
        ConfiguredProviders providers = new ConfiguredProviders(Providers.load(stripped(providersFile)));

        Registry registry = context.getRegistry();
        registry.bind("configuredProviders", providers);
        registry.bind("retryPolicy", new RetryPolicy(attemptsPerPage, backoff, timeout, keys));
        registry.bind("feedFileWriter", new FeedFileWriter(json, Path.of(stripped(modelsDir)), filesKept));
        registry.bind("provider-api", providerApi(timeout));
        // ghost_fetch_total at 0 for every provider and status, once the metrics registry exists
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes are starting; the metrics registry is bound once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                started.getRegistry().lookupByNameAndType("fetchMeters", FetchMeters.class).registerAtZero(providers.all());
            }
        });
    }

    /**
     * The providers' camel-http, with the fetch's timeouts: a provider that stops answering costs one
     * timeout per attempt. HttpClient's own retries are off: the retry policy counts every attempt.
     */
    private static HttpComponent providerApi(long timeout) {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(timeout);
        http.setConnectionRequestTimeout(timeout);
        http.setSoTimeout(timeout);
        http.setResponseTimeout(timeout);
        http.setHttpClientConfigurer(new NoClientRetries());
        return http;
    }
}
