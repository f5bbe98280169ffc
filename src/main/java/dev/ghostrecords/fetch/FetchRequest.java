package dev.ghostrecords.fetch;

/** Which providers to fetch now: one, or (null) every configured provider. */
public record FetchRequest(String providerId) {

    /** The schedule's request: all of them. */
    public static FetchRequest scheduled() {
        return new FetchRequest(null);
    }
}
