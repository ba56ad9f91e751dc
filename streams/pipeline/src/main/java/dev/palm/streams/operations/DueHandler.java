package dev.palm.streams.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a timer punctuator calls for each stored item that has come due (an expired approval, an
 * escalation, a hold to auto-release).
 *
 * @param <T> the stored item
 */
@FunctionalInterface
public interface DueHandler<T> {

  /**
   * Handles one due item.
   *
   * @param storeKey the item's key in its store
   * @param item the item
   * @param now the punctuation's wall-clock time, epoch ms
   */
  void handle(String storeKey, T item, long now);

  /**
   * The entries of {@code store} that satisfy {@code isDue}, in key order, collected before any is
   * handled: handlers delete or rewrite the items in the store being iterated.
   */
  static <T> List<KeyValue<String, T>> collectDue(
      KeyValueStore<String, T> store, Predicate<T> isDue) {
    List<KeyValue<String, T>> due = new ArrayList<>();
    try (KeyValueIterator<String, T> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            if (isDue.test(kv.value)) {
              due.add(kv);
            }
          });
    }
    return due;
  }
}
