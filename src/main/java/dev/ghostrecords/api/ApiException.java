package dev.ghostrecords.api;

/** A request the HTTP edge refuses before the catalog sees it (no token: 401, not JSON: 415). */
public final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
