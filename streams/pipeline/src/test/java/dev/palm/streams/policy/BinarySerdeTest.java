package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.audit.ChainHead;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
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
