package dev.ghostrecords;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {


    @Test
    void should_take_broker_lists_and_empty_for_no_kafka() {
        assertThat(Settings.brokers("ghost.kafka.bootstrap", "kafka-1:9092, kafka-2.internal:19092,[::1]:9092")).isEqualTo("kafka-1:9092, kafka-2.internal:19092,[::1]:9092");
        assertThat(Settings.brokers("ghost.kafka.bootstrap", null)).isEmpty();
    }

    @Test
    void should_name_the_variable_when_a_broker_has_no_port_or_a_bad_one() {
        for (String bad : new String[] {"kafka-1", "kafka-1:", "kafka-1:0", "kafka-1:70000", "kafka-1:9092,", "http://kafka:9092"}) {
            assertThatThrownBy(() -> Settings.brokers("ghost.kafka.bootstrap", bad))
                    .hasMessageStartingWith("GHOST_KAFKA_BOOTSTRAP='" + bad + "' must be a comma-separated list of host:port");
        }
    }

    @Test
    void should_refuse_topic_names_kafka_refuses() {
        assertThat(Settings.topic("ghost.kafka.topic", "ghost.inference-events"))
                .isEqualTo("ghost.inference-events");
        for (String bad : new String[] {"", "with space", "a/b", "..", "x".repeat(246)}) {
            assertThatThrownBy(() -> Settings.topic("ghost.kafka.topic", bad))
                    .hasMessageStartingWith("GHOST_KAFKA_TOPIC=");
        }
        assertThatThrownBy(() -> Settings.required("ghost.kafka.group", null, "a consumer group name"))
                .hasMessage("GHOST_KAFKA_GROUP='' must be a consumer group name (setting ghost.kafka.group)");
    }
}
