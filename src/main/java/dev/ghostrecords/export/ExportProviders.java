package dev.ghostrecords.export;

import java.util.Locale;
import java.util.Map;

/**
 * What opencode needs of a provider beyond its models: a name, the variable holding its key (it lists
 * a provider only when that variable is set), the AI SDK package it calls the provider with and, for an
 * OpenAI-compatible server, its base URL. The providers file's keyEnv and baseUrl win; a provider it does
 * not list gets its usual variable.
 */
public final class ExportProviders {

    /** The AI SDK packages of the providers the service knows by kind; anything else speaks OpenAI's API. */
    private static final Map<String, String> NPM = Map.of(
            "openai", "@ai-sdk/openai",
            "anthropic", "@ai-sdk/anthropic",
            "google", "@ai-sdk/google",
            "openrouter", "@openrouter/ai-sdk-provider",
            "cohere", "@ai-sdk/cohere");
    private static final String OPENAI_COMPATIBLE = "@ai-sdk/openai-compatible";
    private static final Map<String, String> NAMES = Map.of(
            "openai", "OpenAI", "anthropic", "Anthropic", "google", "Google", "openrouter", "OpenRouter",
            "cohere", "Cohere", "ollama", "Ollama");

    private final Map<String, String> keyEnvs;
    private final Map<String, String> compatibleUrls;

    /**
     * @param keyEnvs        provider id -> the providers file's keyEnv
     * @param compatibleUrls provider id -> the OpenAI-compatible base URL of a provider of kind openai or ollama
     */
    public ExportProviders(Map<String, String> keyEnvs, Map<String, String> compatibleUrls) {
        this.keyEnvs = Map.copyOf(keyEnvs);
        this.compatibleUrls = Map.copyOf(compatibleUrls);
    }

    String name(String id) {
        return NAMES.getOrDefault(id, id);
    }

    /** The providers file's keyEnv, else the usual one: GEMINI_API_KEY for google, <ID>_API_KEY for the others. */
    String keyEnv(String id) {
        String configured = keyEnvs.get(id);
        if (configured != null) {
            return configured;
        }
        if (id.equals("google")) {
            return "GEMINI_API_KEY";
        }
        return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_API_KEY";
    }

    String npm(String id) {
        // a provider of the file at an address of its own (a local server) is called as OpenAI-compatible
        return compatibleUrls.containsKey(id) ? OPENAI_COMPATIBLE : NPM.getOrDefault(id, OPENAI_COMPATIBLE);
    }

    String api(String id) {
        return compatibleUrls.get(id);
    }
}
