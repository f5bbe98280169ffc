package dev.ghostrecords.catalog;

/**
 * What went wrong, in the catalog's words; the HTTP edge ({@code ApiErrors}) maps each kind to its
 * status and the commands print the message. The message is for people: it names the field or model.
 */
public abstract sealed class CatalogException extends RuntimeException {

    private CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Input that cannot be taken: a bad field, parameter or body. */
    public static final class Invalid extends CatalogException {
        public Invalid(String message) {
            super(message, null);
        }
    }

    /** No such model (or not in the state asked for). */
    public static final class NotFound extends CatalogException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** The model exists already. */
    public static final class Conflict extends CatalogException {
        public Conflict(String message) {
            super(message, null);
        }
    }

    /** The catalog cannot answer now (database away, service stopping): safe to retry. */
    public static sealed class Unavailable extends CatalogException permits CommitTimedOut {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Events not known to be committed within the commit timeout: the client retries, which is safe. */
    public static final class CommitTimedOut extends Unavailable {
        public CommitTimedOut(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
