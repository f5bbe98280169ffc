package dev.ghostrecords.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ghostrecords.catalog.ProviderIds;

/**
 * The providers file ({@code GHOST_PROVIDERS_FILE}): read once at start; a file that is missing or
 * does not parse, or an entry that cannot be fetched, stops the service naming the file and the entry.
 */
public final class Providers {

    /** The default setting: the repository's file when run from its root, else the one in the jar. */
    public static final String DEFAULT_FILE = "config/providers.yaml";
    private static final String SHIPPED = "providers.yaml";
    private static final String SETTING = " (setting ghost.providers.file, GHOST_PROVIDERS_FILE)";

    private Providers() {
    }

    /** Loads {@code setting} (a path); the default falls back to the file shipped in the jar. */
    public static List<Provider> load(String setting) {
        Path file = Path.of(setting.isBlank() ? DEFAULT_FILE : setting);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("GHOST_PROVIDERS_FILE='" + file + "' cannot be read: " + e.getMessage() + SETTING);
            }
        }
        if (setting.isBlank() || setting.equals(DEFAULT_FILE)) {
            try (InputStream in = Providers.class.getClassLoader().getResourceAsStream(SHIPPED)) {
                if (in != null) {
                    return parse(in, "providers.yaml (shipped in the jar)");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("GHOST_PROVIDERS_FILE='" + file + "': no such file (from "
                + Path.of("").toAbsolutePath() + "); point it at a providers YAML file" + SETTING);
    }

    static List<Provider> parse(InputStream in, String file) throws IOException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw invalid(file, "is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        JsonNode list = root == null ? null : root.get("providers");
        if (list == null || !list.isArray()) {
            throw invalid(file, "must hold a list 'providers:' of {id, kind, baseUrl, keyEnv}");
        }
        List<Provider> providers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String id = text(entry, "id");
            String where = "entry " + (i + 1) + (id == null ? "" : " (id: " + id + ")");
            if (!entry.isObject()) {
                throw invalid(file, where + " must be a mapping {id, kind, baseUrl, keyEnv}");
            }
            // the catalog's rule, as written (not lower-cased): the id names the fetched files and the provider
            if (!ProviderIds.valid(id)) {
                throw invalid(file, where + ": 'id' must be a lower-case slug (" + ProviderIds.RULE + "), got "
                        + (id == null ? "none" : "'" + id + "'"));
            }
            if (!ids.add(id)) {
                throw invalid(file, where + ": the id '" + id + "' is listed twice");
            }
            String kindName = text(entry, "kind");
            Kind kind = kindName == null ? null : Kind.named(kindName.toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw invalid(file, where + ": unknown kind " + (kindName == null ? "(none given)" : "'" + kindName + "'")
                        + "; kinds are " + Arrays.stream(Kind.values()).map(Kind::configName).collect(Collectors.joining(", ")));
            }
            String baseUrl = text(entry, "baseUrl");
            if (baseUrl == null || !httpUrl(baseUrl)) {
                throw invalid(file, where + ": 'baseUrl' must be an http:// or https:// URL, got "
                        + (baseUrl == null ? "none" : "'" + baseUrl + "'"));
            }
            String keyEnv = text(entry, "keyEnv");
            if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(file, where + ": 'keyEnv' must name an environment variable (e.g. OPENAI_API_KEY), got '"
                        + keyEnv + "'");
            }
            providers.add(new Provider(id, kind, baseUrl.replaceAll("/+$", ""), keyEnv));
        }
        return List.copyOf(providers);
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static IllegalArgumentException invalid(String file, String problem) {
        return new IllegalArgumentException("providers file " + file + ": " + problem + SETTING);
    }
}
