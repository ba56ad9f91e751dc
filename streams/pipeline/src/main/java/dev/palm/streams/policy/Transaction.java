package dev.palm.streams.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The effects of handling one input (or one timer item), buffered until the handling succeeded:
 * store writes are read back within the transaction and applied, together with the output records,
 * only by {@link #commit}. Outputs to sinks are serialized when they are queued, so every output
 * has its bytes before any store write is applied: a failure half-way (a value that does not
 * serialize, a registry outage) leaves neither state nor output behind, and the input can go to the
 * dead-letter topic cleanly or wait for the registry. Kafka's exactly-once transaction then makes
 * the commit atomic with the consumer offset.
 */
final class Transaction {

  private final Map<String, SinkEncoder> encoders;

  /** A transaction whose outputs to the children in {@code encoders} are serialized when queued. */
  Transaction(Map<String, SinkEncoder> encoders) {
    this.encoders = encoders;
  }

  /** A transaction that forwards every output as it is (no sink serializes in this processor). */
  Transaction() {
    this(Map.of());
  }

  private static final Object DELETED = new Object();

  private final Map<KeyValueStore<String, ?>, Map<String, Object>> writes = new IdentityHashMap<>();

  /**
   * Values already read from the stores (absent ones as {@link #DELETED}): one input reads some
   * keys (the chain head, the deployment, the rate window) several times, and every store read
   * deserialises JSON. Store values are immutable records and only this transaction writes during
   * its lifetime, so the cache cannot go stale.
   */
  private final Map<KeyValueStore<String, ?>, Map<String, Object>> reads = new IdentityHashMap<>();

  /** Index prefix → the key of this transaction's entry under it ({@link #indexEntry}). */
  private final Map<String, String> indexEntries = new HashMap<>();

  private final List<Output> outputs = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();

  private record Output(String child, Object key, Object value, Headers headers) {}

  /** The value of {@code key}, as written in this transaction or else as stored. */
  @SuppressWarnings("unchecked")
  <V> Optional<V> get(KeyValueStore<String, V> store, String key) {
    Map<String, Object> pending = writes.get(store);
    if (pending != null && pending.containsKey(key)) {
      Object v = pending.get(key);
      return v == DELETED ? Optional.empty() : Optional.of((V) v);
    }
    Object v =
        reads
            .computeIfAbsent(store, s -> new HashMap<>())
            .computeIfAbsent(
                key,
                k -> {
                  V stored = store.get(k);
                  return stored == null ? DELETED : stored;
                });
    return v == DELETED ? Optional.empty() : Optional.of((V) v);
  }

  /**
   * The key of this transaction's entry in an append-only index under {@code prefix} (see {@link
   * StoreKeys#indexed}), named by the first {@code sequence} recorded there in this transaction,
   * and its value so far (empty for a new entry: nothing else writes that key, so the store is not
   * read).
   */
  <V> Map.Entry<String, Optional<V>> indexEntry(
      KeyValueStore<String, V> store, String prefix, long sequence) {
    String key = indexEntries.computeIfAbsent(prefix, p -> StoreKeys.indexed(p, sequence));
    Map<String, Object> pending = writes.get(store);
    @SuppressWarnings("unchecked")
    V value = pending == null ? null : (V) pending.get(key);
    return Map.entry(key, Optional.ofNullable(value));
  }

  <V> void put(KeyValueStore<String, V> store, String key, V value) {
    writes.computeIfAbsent(store, s -> new LinkedHashMap<>()).put(key, value);
  }

  <V> void delete(KeyValueStore<String, V> store, String key) {
    writes.computeIfAbsent(store, s -> new LinkedHashMap<>()).put(key, DELETED);
  }

  /**
   * Queues a record for the child node {@code child}, serialized now when the child is a byte sink.
   */
  void forward(String child, Object key, Object value) {
    SinkEncoder encoder = encoders.get(child);
    if (encoder == null) {
      outputs.add(new Output(child, key, value, null));
    } else {
      byte[] encoded = encoder.encode(value);
      outputs.add(new Output(child, key, encoded, encoder.headers(encoded)));
    }
  }

  /** Runs {@code action} once this transaction is committed (never, when it is discarded). */
  void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /**
   * Applies the writes, then forwards the outputs stamped {@code timestamp}, then runs the
   * after-commit actions.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void commit(ProcessorContext<Object, Object> context, long timestamp) {
    writes.forEach(
        (store, entries) ->
            entries.forEach(
                (key, value) -> {
                  KeyValueStore raw = store;
                  if (value == DELETED) {
                    raw.delete(key);
                  } else {
                    raw.put(key, value);
                  }
                }));
    for (Output out : outputs) {
      context.forward(
          out.headers() == null
              ? new Record<>(out.key(), out.value(), timestamp)
              : new Record<>(out.key(), out.value(), timestamp, out.headers()),
          out.child());
    }
    writes.clear();
    reads.clear();
    indexEntries.clear();
    outputs.clear();
    List<Runnable> actions = List.copyOf(afterCommit);
    afterCommit.clear();
    actions.forEach(Runnable::run);
  }
}
