package dev.ghostrecords.database;

/**
 * A PostgreSQL setting every connection of the pool carries ({@code -c name=value} when it connects),
 * for the triggers that read it with {@code current_setting}. A capability binds one in the registry
 * before the database opens, having checked the value.
 */
public record ConnectionSetting(String name, String value) {
}
