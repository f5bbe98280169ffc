package dev.ghostrecords.catalog;

/** One provider, as DELETE /api/providers/{id} and {@code delete-provider} name it (lower-cased). */
public record ProviderKey(String providerId) {
}
