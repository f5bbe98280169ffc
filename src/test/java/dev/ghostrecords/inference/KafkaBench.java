package dev.ghostrecords.inference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * bench/kafka.sh's Kafka side, on the test class path:
 * <pre>
 *   broker                                           a KRaft broker; prints BOOTSTRAP=host:port, runs until killed
 *   produce BOOTSTRAP TOPIC PARTITIONS N MODELS P    N single-event records, event i for model P/k-(i mod MODELS)
 *   drained BOOTSTRAP GROUP TOPIC                    waits until GROUP has committed every record of TOPIC;
 *                                                    prints DRAINED=epoch-millis of the first look that saw it
 * </pre>
 */
public final class KafkaBench {

    private KafkaBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "broker" -> KafkaBroker.main(new String[0]);
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), args[6]);
            case "drained" -> drained(args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException("broker | produce | drained");
        }
    }

    private static void produce(String bootstrap, String topic, int partitions, int n, int models, String provider)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaBroker.producerSettings(bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                // each record in its own partition by turns: every partition holds a quarter of each model's events
                producer.send(new ProducerRecord<>(topic, i % partitions, null,
                        "{\"providerId\":\"" + provider + "\",\"modelId\":\"k-" + (i % models) + "\"}"));
            }
            producer.flush();
            long size = lag(admin, "nobody-" + System.nanoTime(), topic);
            if (size != n) {
                throw new IllegalStateException("produced " + n + " records, the topic holds " + size);
            }
            System.out.printf("PRODUCED=%d in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void drained(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (lag(admin, group, topic) > 0) {
                Thread.sleep(100);
            }
            System.out.println("DRAINED=" + System.currentTimeMillis());
        }
    }

    static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get();
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }
}
