package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
import dev.palm.streams.limits.RateWindow;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The store-backed sliding log counts exactly as the reference model (the whole list of admission
 * times), keeps at most the limit, and keeps its stores as small as the window: what grows with
 * traffic is deleted as it slides out.
 */
class RateLogTest {

  private static final String PACK = "mapleverse";

  /** Steps: a gap in ms before an admission (or, negative, before a count only). */
  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.integers()
        .between(-70_000, 70_000)
        .list()
        .ofMinSize(1)
        .ofMaxSize(300)
        // a third of the admissions in the same millisecond as the one before (one grouped entry)
        .map(
            list ->
                list.stream()
                    .map(g -> g % 3 == 0 ? 0 : Math.abs(g) % 5 == 0 ? g : g / 200)
                    .toList());
  }

  @Property(tries = 200)
  void countsExactlyAsTheFullHistoryAndStaysBounded(
      @ForAll("steps") List<Integer> steps, @ForAll @IntRange(min = 1, max = 40) int limit) {
    KeyValueStore<String, RateLogHead> heads =
        store(
            "heads",
            new BinarySerde<>(
                RateLogHead.class, StoreCodecs.RATE_HEAD, StoreCodecs::ungroupedHead));
    KeyValueStore<String, RateBucket> log =
        store(
            "log",
            new BinarySerde<>(
                RateBucket.class, StoreCodecs.RATE_BUCKET, StoreCodecs::singleAdmission));
    PolicyStores stores =
        new PolicyStores(
            null, null, null, null, heads, log, null, null, null, null, null, null, null, null,
            null);
    RateWindow model = RateWindow.EMPTY;
    long time = 1_000_000;
    for (int step : steps) {
      time += Math.abs(step);
      Transaction tx = new Transaction();
      RateLog rate = new RateLog(tx, stores, PACK);
      long now = rate.clock(time);
      assertThat(now).isEqualTo(model.clock(time));
      int counted = rate.countAt(now);
      // exact below the limit; at or above it, only "limit reached" matters (entries that the
      // newer ones make irrelevant are dropped)
      assertThat(Math.min(counted, limit)).isEqualTo(Math.min(model.countAt(now), limit));
      if (step >= 0 && counted < limit) {
        rate.admit(now, limit);
        model = model.admit(now);
      }
      tx.commit(new MockProcessorContext<>(), now);
      assertThat(entries(log)).isLessThanOrEqualTo(limit);
      RateLogHead head = heads.get(PACK);
      if (head != null) {
        assertThat(head.size()).isEqualTo(entries(log));
        assertThat(head.admitted()).isEqualTo(admissions(log));
      }
    }
  }

  private static long admissions(KeyValueStore<String, RateBucket> log) {
    long n = 0;
    try (KeyValueIterator<String, RateBucket> it = log.all()) {
      while (it.hasNext()) {
        n += it.next().value.count();
      }
    }
    return n;
  }

  private static long entries(KeyValueStore<String, RateBucket> log) {
    long n = 0;
    try (KeyValueIterator<String, RateBucket> it = log.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static <V> KeyValueStore<String, V> store(
      String name, org.apache.kafka.common.serialization.Serde<V> serde) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
