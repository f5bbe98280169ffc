package dev.ghostrecords.notifications;

/** The outbox, newest first, as {@code sql/notifications/select-notifications.sql} takes it. */
public record NotificationQuery(String status, int limit) {
}
