package dev.ghostrecords.inference;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The Kafka consumer's own state, beside Camel's check of its connection to the brokers: DOWN while
 * consumption is paused because PostgreSQL does not answer.
 */
public final class KafkaHealthCheck extends AbstractHealthCheck {

    private final KafkaEvents events;
    private final String topic;
    private final String group;

    public KafkaHealthCheck(KafkaEvents events, String topic, String group) {
        super("ghost", "kafka");
        this.events = events;
        this.topic = topic;
        this.group = group;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("topic", topic).detail("group", group);
        Instant paused = events.pausedSince();
        if (paused == null) {
            builder.message("consuming").up();
        } else {
            builder.message("paused since " + paused + ": PostgreSQL unreachable; offsets not committed, nothing lost").down();
        }
    }
}
