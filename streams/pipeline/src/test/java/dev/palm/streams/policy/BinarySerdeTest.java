package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.ChainHead;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.RequestedOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The binary store values: every value reads back equal, JSON written by earlier versions is still
 * read, and damaged bytes fail with a message instead of a wrong value.
 */
class BinarySerdeTest {

  private final BinarySerde<DeploymentState> deployments =
      new BinarySerde<>(DeploymentState.class, StoreCodecs.DEPLOYMENT);

  @Property(tries = 300)
  void deploymentsRoundTrip(@ForAll("deployments") DeploymentState state) {
    assertThat(deployments.fromBytes(deployments.toBytes(state))).isEqualTo(state);
  }

  @Property(tries = 200)
  void smallValuesRoundTrip(
      @ForAll long a, @ForAll("nonNegative") long b, @ForAll int c, @ForAll("hex") String hash) {
    roundTrip(new BinarySerde<>(ChainHead.class, StoreCodecs.CHAIN_HEAD), new ChainHead(b, hash));
    roundTrip(
        new BinarySerde<>(PackTotals.class, StoreCodecs.PACK_TOTALS), new PackTotals(c, a, b, a));
    roundTrip(
        new BinarySerde<>(RateLogHead.class, StoreCodecs.RATE_HEAD), new RateLogHead(b, b, a, b));
    roundTrip(
        new BinarySerde<>(AuditIndex.class, StoreCodecs.AUDIT_INDEX),
        new AuditIndex(List.of(b, a, 0L)));
  }

  @Property(tries = 300)
  void operationEntriesRoundTrip(@ForAll("entries") OperationEntry entry) {
    BinarySerde<OperationEntry> serde =
        new BinarySerde<>(OperationEntry.class, StoreCodecs.OPERATION_ENTRY);
    assertThat(serde.fromBytes(serde.toBytes(entry))).isEqualTo(entry);
    // and the JSON of earlier versions reads as the same entry
    assertThat(serde.fromBytes(new JsonSerde<>(OperationEntry.class).toBytes(entry)))
        .isEqualTo(entry);
  }

  @Test
  void readsTheJsonOfEarlierVersions() {
    DeploymentState state = deployment("dep-é-1", Optional.of("agent"), Optional.empty());
    byte[] json = new JsonSerde<>(DeploymentState.class).toBytes(state);
    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(deployments.fromBytes(json)).isEqualTo(state);
    BinarySerde<AuditIndex> index = new BinarySerde<>(AuditIndex.class, StoreCodecs.AUDIT_INDEX);
    AuditIndex sequences = new AuditIndex(List.of(3L, 9L));
    assertThat(index.fromBytes(new JsonSerde<>(AuditIndex.class).toBytes(sequences)))
        .isEqualTo(sequences);
  }

  @Test
  void readsTheSingleSequenceEntriesOfEarlierDeploymentIndexes() {
    BinarySerde<AuditIndex> index =
        new BinarySerde<>(AuditIndex.class, StoreCodecs.AUDIT_INDEX, StoreCodecs::singleSequence);
    byte[] old = new org.apache.kafka.common.serialization.LongSerializer().serialize("t", 4242L);
    assertThat(index.fromBytes(old)).isEqualTo(new AuditIndex(List.of(4242L)));
    AuditIndex grouped = new AuditIndex(List.of(7L, 8L));
    assertThat(index.fromBytes(index.toBytes(grouped))).isEqualTo(grouped);
    assertThatThrownBy(() -> index.fromBytes(new byte[] {0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown value format byte 0");
  }

  @Test
  void readsTheRateLogOfEarlierVersions() {
    BinarySerde<RateLogHead> heads =
        new BinarySerde<>(RateLogHead.class, StoreCodecs.RATE_HEAD, StoreCodecs::ungroupedHead);
    byte[] oldHead =
        "{\"head\":4,\"tail\":9,\"lastEventTime\":1700000000000}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(heads.fromBytes(oldHead)).isEqualTo(new RateLogHead(4, 9, 1_700_000_000_000L, 5));
    BinarySerde<RateBucket> log =
        new BinarySerde<>(RateBucket.class, StoreCodecs.RATE_BUCKET, StoreCodecs::singleAdmission);
    byte[] oldEntry =
        new org.apache.kafka.common.serialization.LongSerializer()
            .serialize("t", 1_700_000_000_000L);
    assertThat(log.fromBytes(oldEntry)).isEqualTo(new RateBucket(1_700_000_000_000L, 1));
    assertThatThrownBy(
            () -> heads.fromBytes("{\"head\":4}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tail");
  }

  @Test
  void damagedBytesFailWithTheReason() {
    byte[] good = deployments.toBytes(deployment("d", Optional.empty(), Optional.of("node-7")));
    assertThatThrownBy(() -> deployments.fromBytes(Arrays.copyOf(good, good.length - 3)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("DeploymentState");
    assertThatThrownBy(() -> deployments.fromBytes(Arrays.copyOf(good, good.length + 2)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("2 bytes left");
    byte[] unknown = good.clone();
    unknown[0] = 9;
    assertThatThrownBy(() -> deployments.fromBytes(unknown))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown value format byte 9");
    assertThatThrownBy(() -> deployments.fromBytes(new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("empty value");
    // a string length far beyond the value's bytes is refused before anything is allocated
    byte[] hugeLength = good.clone();
    hugeLength[1] = 0x7f;
    assertThatThrownBy(() -> deployments.fromBytes(hugeLength))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bytes left");
  }

  private static <T> void roundTrip(BinarySerde<T> serde, T value) {
    byte[] bytes = serde.toBytes(value);
    assertThat(bytes[0]).isEqualTo(BinarySerde.FORMAT);
    assertThat(serde.fromBytes(bytes)).isEqualTo(value);
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", value)))
        .isEqualTo(value);
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }

  @Provide
  Arbitrary<Long> nonNegative() {
    return Arbitraries.longs().greaterOrEqual(0);
  }

  @Provide
  Arbitrary<String> hex() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(128);
  }

  @Provide
  Arbitrary<OperationEntry> entries() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
    Arbitrary<Optional<String>> optional = text.optional();
    Arbitrary<Optional<Integer>> number = Arbitraries.integers().optional();
    Arbitrary<List<String>> texts = text.list().ofMaxSize(4);
    Arbitrary<java.util.Map<String, String>> parameters = Arbitraries.maps(text, text).ofMaxSize(4);
    Arbitrary<Optional<RequestedOperation.AgentSpecRef>> spec =
        Combinators.combine(text, text, Arbitraries.longs(), Arbitraries.integers())
            .as(RequestedOperation.AgentSpecRef::new)
            .optional();
    Arbitrary<RequestedOperation.Resources> resources =
        Combinators.combine(number, number, number, number).as(RequestedOperation.Resources::new);
    Arbitrary<ActorRef> actors =
        Combinators.combine(text, text, text.injectNull(0.3)).as(ActorRef::new);
    Arbitrary<RequestedOperation> requests =
        Combinators.combine(
                Combinators.combine(text, text, text, text, optional, actors, optional)
                    .as(Arrays::<Object>asList),
                Combinators.combine(
                        Arbitraries.longs(), number, number, resources, parameters, optional)
                    .as(Arrays::<Object>asList),
                Combinators.combine(optional, spec, texts, optional).as(Arrays::<Object>asList))
            .as(BinarySerdeTest::request);
    Arbitrary<DecisionSnapshot> decisions =
        Combinators.combine(
                Combinators.combine(
                        text, text.injectNull(0.2), text.injectNull(0.2), optional, texts, texts)
                    .as(Arrays::<Object>asList),
                Combinators.combine(
                        Arbitraries.longs(),
                        optional,
                        Arbitraries.longs(),
                        Arbitraries.longs().optional(),
                        Arbitraries.of("DECISION", "ALERT"))
                    .as(Arrays::<Object>asList))
            .as(BinarySerdeTest::decision);
    return Combinators.combine(
            requests, text, decisions, optional, optional, Arbitraries.longs().optional())
        .as(OperationEntry::new);
  }

  @SuppressWarnings("unchecked")
  private static RequestedOperation request(List<Object> a, List<Object> b, List<Object> c) {
    return new RequestedOperation(
        (String) a.get(0),
        (String) a.get(1),
        (String) a.get(2),
        (String) a.get(3),
        (Optional<String>) a.get(4),
        (ActorRef) a.get(5),
        (Optional<String>) a.get(6),
        (Long) b.get(0),
        (Optional<Integer>) b.get(1),
        (Optional<Integer>) b.get(2),
        (RequestedOperation.Resources) b.get(3),
        (java.util.Map<String, String>) b.get(4),
        (Optional<String>) b.get(5),
        (Optional<String>) c.get(0),
        (Optional<RequestedOperation.AgentSpecRef>) c.get(1),
        (List<String>) c.get(2),
        (Optional<String>) c.get(3));
  }

  @SuppressWarnings("unchecked")
  private static DecisionSnapshot decision(List<Object> a, List<Object> b) {
    String id = (String) a.get(0);
    return new DecisionSnapshot(
        id,
        (String) a.get(1),
        (String) a.get(2),
        id + "-op",
        (String) a.get(1),
        (Optional<String>) a.get(3),
        "ALLOWED",
        (List<String>) a.get(4),
        (List<String>) a.get(5),
        (List<String>) a.get(4),
        (Long) b.get(0),
        (String) a.get(2),
        (Optional<String>) b.get(1),
        (Optional<String>) b.get(1),
        (Long) b.get(2),
        (Optional<Long>) b.get(3),
        (String) b.get(4));
  }

  @Provide
  Arbitrary<DeploymentState> deployments() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    Arbitrary<Optional<String>> optional = text.optional();
    Arbitrary<Integer> ints = Arbitraries.integers();
    Arbitrary<Long> longs = Arbitraries.longs();
    return Combinators.combine(text, optional, ints, ints, optional, longs, text, text)
        .as(
            (id, agent, replicas, cpu, node, at, lastId, last) ->
                new DeploymentState(
                    id,
                    agent,
                    replicas,
                    cpu,
                    cpu ^ replicas,
                    replicas,
                    cpu,
                    at,
                    at ^ 7,
                    node,
                    at,
                    at + 1,
                    lastId,
                    last));
  }

  private static DeploymentState deployment(
      String id, Optional<String> agent, Optional<String> node) {
    return new DeploymentState(
        id,
        agent,
        2,
        500,
        1024,
        10,
        100,
        3,
        4,
        node,
        1_700_000_000_000L,
        1_700_000_100_000L,
        "op-1",
        "restart");
  }
}
