package dev.ghostrecords.inference;

import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Camel's own Kafka client factory (its public option {@code kafkaClientFactory}), with the consumer's
 * metrics bound to the service's Micrometer registry: {@code kafka_consumer_fetch_manager_records_lag_max}
 * (the lag), {@code ..._records_consumed_rate} (records/s) and the rest of the client's own metrics,
 * read from the client itself rather than asked of the broker.
 */
public final class KafkaClients extends DefaultKafkaClientFactory {

    private final CamelContext camel;
    private KafkaClientMetrics bound;

    public KafkaClients(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public synchronized Consumer getConsumer(Properties kafkaProps) {
        Consumer consumer = super.getConsumer(kafkaProps);
        // camel-kafka makes a new client when it reconnects: the meters follow the live one
        if (bound != null) {
            bound.close();
        }
        bound = new KafkaClientMetrics(consumer);
        // the registry exists once the context runs (camel-micrometer-prometheus makes it at start)
        bound.bindTo(camel.getRegistry().findSingleByType(MeterRegistry.class));
        return consumer;
    }
}
