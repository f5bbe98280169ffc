package dev.ghostrecords.catalog;

/** One model's key; the provider id normalised ({@link ProviderIds}), the model id exactly as given. */
public record ModelKey(String providerId, String modelId) {

    public ModelKey {
        providerId = ProviderIds.normalize(providerId);
    }

    @Override
    public String toString() {
        return providerId + "/" + modelId;
    }
}
