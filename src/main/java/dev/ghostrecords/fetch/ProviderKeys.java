package dev.ghostrecords.fetch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.camel.Variable;

/**
 * The providers' keys, read from the environment each time one is needed and never kept elsewhere:
 * not in an exchange, a row, a file or a log line. Text that might have picked one up is scrubbed.
 */
public final class ProviderKeys {

    private final Function<String, String> environment;

    public ProviderKeys(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The key, or null: none set, or a kind that is never sent one. */
    String key(Provider provider) {
        if (!provider.kind().usesKey() || provider.keyEnv() == null) {
            return null;
        }
        String key = environment.apply(provider.keyEnv());
        return key == null || key.isBlank() ? null : key.strip();
    }

    /**
     * Whether the fetch is SKIPPED: the provider names a key variable that is not set and its kind
     * needs a key. No keyEnv at all is a server that takes none (a local OpenAI-compatible one).
     */
    public boolean missing(@Variable("provider") Provider provider) {
        return provider.keyEnv() != null && provider.kind().keyRequired() && key(provider) == null;
    }

    /** The fetch of a provider whose key is missing: SKIPPED, naming the variable to set. */
    public void skip(@Variable("progress") FetchProgress progress) {
        progress.skip(progress.provider().keyEnv() + " not set");
    }

    /** {@code text} with the provider's key, however it was spelt, replaced by {@code <key>}. */
    String scrub(String text, Provider provider) {
        return scrub(text, key(provider));
    }

    static String scrub(String text, String key) {
        if (text == null || key == null || key.isEmpty()) {
            return text;
        }
        return text.replace(key, "<key>").replace(URLEncoder.encode(key, StandardCharsets.UTF_8), "<key>");
    }
}
