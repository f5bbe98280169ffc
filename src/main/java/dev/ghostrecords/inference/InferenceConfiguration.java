package dev.ghostrecords.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.Settings.stripped;

/**
 * Inference events, over HTTP and over Kafka alike: one parser, one group commit. Kafka (route
 * inference-kafka-consume) is started only by {@code serve} with GHOST_KAFKA_BOOTSTRAP set; otherwise
 * the route stays stopped and no Kafka client is made.
 */
public final class InferenceConfiguration implements CamelConfiguration {

    @PropertyInject("camel.server.enabled")
    String serving;
    @PropertyInject("ghost.inference.commit-timeout")
    String commitTimeout;
    @PropertyInject("ghost.kafka.bootstrap")
    String bootstrap;
    @PropertyInject("ghost.kafka.topic")
    String topic;
    @PropertyInject("ghost.kafka.group")
    String group;
    @PropertyInject("ghost.kafka.max-poll-records")
    String maxPollRecords;

    @BindToRegistry
    public InferenceEvents inferenceEvents(@BeanInject("jsonMapper") ObjectMapper json) {
        return new InferenceEvents(json);
    }

    @BindToRegistry
    public EventBatcher eventBatcher(CamelContext context, Jdbi jdbi) throws Exception {
        EventBatcher batcher = new EventBatcher(jdbi, commitTimeoutMillis());
        context.addService(batcher, true, true);
        return batcher;
    }

    /** Bound whether Kafka is on or not: the route refers to it even while it stays stopped. */
    @BindToRegistry
    public KafkaEvents kafkaEvents(InferenceEvents events, EventBatcher batcher) {
        return new KafkaEvents(events, batcher, commitTimeoutMillis());
    }

    @BindToRegistry
    public KafkaClients kafkaClients(CamelContext context) {
        return new KafkaClients(context);
    }

    @Override
    public void configure(CamelContext context) {
        boolean consume = Boolean.parseBoolean(stripped(serving))
                && !Settings.brokers("ghost.kafka.bootstrap", bootstrap).isEmpty();
        context.getPropertiesComponent().addOverrideProperty("ghost.kafka.consume", Boolean.toString(consume));
        if (!consume) {
            // Camel reports a route that is not to start as UP: a route that is off is no part of health
            HealthCheckRegistry.get(context).setExcludePattern("inference-kafka-consume");
            return;
        }
        String topicName = Settings.topic("ghost.kafka.topic", topic);
        String groupName = Settings.required("ghost.kafka.group", group,
                "a consumer group name (replicas in one group share the partitions)");
        Settings.integer("ghost.kafka.max-poll-records", maxPollRecords, 1, 100_000);
        LoggerFactory.getLogger(InferenceConfiguration.class).info(
                "Inference events from Kafka: topic {} (refused records to {}.dlq), group {}, brokers {} (route inference-kafka-consume)",
                topicName, topicName, groupName, stripped(bootstrap));
        HealthCheckRegistry.get(context).register(new KafkaHealthCheck(
                context.getRegistry().lookupByNameAndType("kafkaEvents", KafkaEvents.class), topicName, groupName));
    }

    private int commitTimeoutMillis() {
        return Settings.integer("ghost.inference.commit-timeout", commitTimeout, 1, Integer.MAX_VALUE);
    }
}
