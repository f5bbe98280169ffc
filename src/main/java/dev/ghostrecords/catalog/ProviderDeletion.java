package dev.ghostrecords.catalog;

/** What {@code catalog/delete-provider.sql} found: the provider, its models, and whether its row went. */
public record ProviderDeletion(String providerId, long models, boolean deleted) {
}
