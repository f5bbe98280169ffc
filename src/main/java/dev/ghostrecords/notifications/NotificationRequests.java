package dev.ghostrecords.notifications;

import java.util.List;

import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.DEFAULT_LIMIT;
import static dev.ghostrecords.catalog.QueryParams.limit;
import static dev.ghostrecords.catalog.QueryParams.oneOf;

/** The notifications' requests read into the records their statements take, or refused naming the parameter (400). */
public final class NotificationRequests {

    private static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "DEAD");

    /** GET /api/notifications */
    public NotificationQuery notifications(@Header("status") String status, @Header("limit") String limit) {
        return new NotificationQuery(oneOf("status", status, STATUSES), limit(limit, DEFAULT_LIMIT));
    }
}
