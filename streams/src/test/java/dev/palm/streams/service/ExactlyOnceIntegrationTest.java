package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;

import dev.palm.events.Actor;
import dev.palm.events.ActorType;
import dev.palm.events.AuditRecord;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.sample.AuditTrails;
import dev.palm.streams.serde.PalmSerdes;
import dev.palm.streams.topics.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a restart of the streams instance, on the real broker and registry: operations are
 * published, the pipeline is closed while it is still working through them, a new instance with the same
 * application id and state folder takes over, the rest is published; every operation then has exactly one
 * decision and exactly one decision-bearing audit record, and each pack's committed audit trail is the gapless
 * sequence 0..n-1 that verifies from genesis.
 */
class ExactlyOnceIntegrationTest {

    private static final int FIRST_BATCH = 300;
    private static final int SECOND_BATCH = 150;

    @Test
    void noAuditRecordIsDuplicatedOrLostWhenTheStreamsInstanceIsReplacedMidStream() throws Exception {
        PipelineConfig config = TestPipelines.config("exactly-once");
        List<PlatformPack> packs = List.of(MapleversePack.mapleverse(), IBankPack.ibank());
        TopicLayout layout = config.layout();
        List<String> operationIds = new ArrayList<>();
        try {
            PalmService first = PalmService.create(config, packs);
            first.start();
            PalmSerdes serdes = first.serdes();
            try (KafkaProducer<String, byte[]> producer = producer(first);
                 DecisionCounter decisions = new DecisionCounter(first, packs)) {
                operationIds.addAll(publish(producer, serdes, layout, packs, 0, FIRST_BATCH));
                // close while the first batch is still being processed
                decisions.awaitAtLeast(FIRST_BATCH / 10, Duration.ofSeconds(60));
                assertThat(decisions.total()).as("the restart happens mid-stream").isLessThan(FIRST_BATCH);
                first.close();
                assertThat(first.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

                try (PalmService second = PalmService.create(config, packs)) {
                    second.start();
                    operationIds.addAll(publish(producer, serdes, layout, packs, FIRST_BATCH, SECOND_BATCH));
                    decisions.awaitAtLeast(FIRST_BATCH + SECOND_BATCH, Duration.ofSeconds(120));
                    // let a duplicate, if there were one, reach the topic before counting
                    decisions.awaitAtLeast(FIRST_BATCH + SECOND_BATCH + 1, Duration.ofSeconds(3));

                    assertThat(decisions.perOperation().keySet()).containsExactlyInAnyOrderElementsOf(operationIds);
                    assertThat(decisions.perOperation()).allSatisfy((id, count) ->
                            assertThat(count).as("decisions for " + id).isEqualTo(1));

                    Set<String> ours = Set.copyOf(operationIds);
                    AuditTrails trails = new AuditTrails(second.clientProperties(), second.serdes(), layout,
                            Duration.ofSeconds(60));
                    for (PlatformPack pack : packs) {
                        AuditTrails.PackAudit audit = trails.read(pack, r -> true);
                        assertThat(audit.verification().intact()).as(audit.verification().message()).isTrue();
                        List<Long> sequences = audit.kept().stream().map(AuditRecord::getSequence).toList();
                        assertThat(sequences).as(pack.metadata().name() + " sequences")
                                .isEqualTo(java.util.stream.LongStream.range(0, sequences.size()).boxed().toList());
                        Map<String, Integer> decided = new HashMap<>();
                        audit.kept().stream().filter(r -> r.getDecision() != null && ours.contains(r.getOperationId()))
                                .forEach(r -> decided.merge(r.getOperationId(), 1, Integer::sum));
                        long packOperations = operationIds.stream()
                                .filter(id -> id.startsWith(pack.metadata().name() + "-")).count();
                        assertThat(decided).as(pack.metadata().name() + " decision records").hasSize((int) packOperations)
                                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
                        // both instances recorded their start in the chain
                        assertThat(audit.byEventType().get(dev.palm.events.AuditEventType.PIPELINE_STARTED))
                                .isEqualTo(2L);
                    }
                }
            }
        } finally {
            TestPipelines.delete(config.stateDir());
        }
    }

    /** Publishes {@code count} operations alternating between the packs; returns their ids. */
    private static List<String> publish(KafkaProducer<String, byte[]> producer, PalmSerdes serdes, TopicLayout layout,
            List<PlatformPack> packs, int from, int count) throws Exception {
        String topic = layout.operations().name();
        try (Serializer<OperationRequested> serializer = serdes.valueSerializer(OperationRequested.class)) {
            List<String> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String pack = packs.get(i % packs.size()).metadata().name();
                String id = pack + "-op-" + i;
                // the first operation of each pack creates the deployment the others restart
                String operation = i < packs.size() ? "create_deployment" : "restart";
                OperationRequested op = OperationRequested.newBuilder()
                        .setOperationId(id).setPack(pack).setOperation(operation).setDeploymentId(pack + "-dep")
                        .setAgentId("agent-7")
                        .setActor(Actor.newBuilder().setId("agent-7").setType(ActorType.AGENT).build())
                        .setRequestedAt(Instant.now()).setTargetReplicas(2).setParameters(Map.of())
                        .build();
                sent.add(producer.send(new ProducerRecord<>(topic, pack, serializer.serialize(topic, op))));
                ids.add(id);
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            return ids;
        }
    }

    private static KafkaProducer<String, byte[]> producer(PalmService service) {
        Map<String, Object> props = new HashMap<>(service.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Counts committed decisions per operation id on the packs' decisions topics. */
    private static final class DecisionCounter implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<PolicyDecision> deserializer;
        private final Map<String, Integer> perOperation = new HashMap<>();
        private int total;

        DecisionCounter(PalmService service, List<PlatformPack> packs) {
            Map<String, Object> props = new HashMap<>(service.clientProperties());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = packs.stream()
                    .map(p -> new TopicPartition(service.layout().decisions(p).name(), 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            deserializer = service.serdes().valueDeserializer(PolicyDecision.class);
        }

        void awaitAtLeast(int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (total < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    PolicyDecision d = deserializer.deserialize(r.topic(), r.value());
                    perOperation.merge(d.getOperationId(), 1, Integer::sum);
                    total++;
                }
            }
        }

        int total() {
            return total;
        }

        Map<String, Integer> perOperation() {
            return Map.copyOf(perOperation);
        }

        @Override
        public void close() {
            consumer.close();
            deserializer.close();
        }
    }

    @SuppressWarnings("unused")
    private static Set<String> sorted(Set<String> ids) {
        return new TreeSet<>(ids);
    }
}
