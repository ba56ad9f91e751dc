package dev.palm.containers;

import dev.palm.client.ClientConfig;
import dev.palm.client.DecisionFeed;
import dev.palm.client.DecisionSubscriber;
import dev.palm.client.StartPosition;
import dev.palm.events.DecisionKind;
import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows one pack's decisions topic from its beginning as a {@code read_committed} consumer, as a
 * platform does, counting the decisions per operation and when each arrived (to measure the gap a
 * failure leaves in the stream of decisions).
 */
final class DecisionWatch implements AutoCloseable {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Long> arrivals = new ArrayList<>();
  private final AtomicInteger unreadable = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  DecisionWatch(ClientConfig config, String pack) {
    DecisionFeed feed = new DecisionSubscriber(config).open(pack, StartPosition.beginning());
    thread =
        new Thread(
            () -> {
              try (feed) {
                while (running.get()) {
                  for (DecisionFeed.Entry entry : feed.poll(Duration.ofMillis(200))) {
                    record(entry);
                  }
                }
              }
            },
            "decisions-" + pack);
    thread.start();
  }

  private void record(DecisionFeed.Entry entry) {
    if (entry instanceof DecisionFeed.Received received) {
      PolicyDecision decision = received.decision();
      if (decision.getKind() == DecisionKind.ALERT) {
        return;
      }
      counts
          .computeIfAbsent(decision.getOperationId(), id -> new AtomicInteger())
          .incrementAndGet();
      synchronized (arrivals) {
        arrivals.add(System.nanoTime());
      }
    } else {
      unreadable.incrementAndGet();
    }
  }

  /** Waits until every one of {@code operations} has at least one decision; false on timeout. */
  boolean awaitAll(Collection<String> operations, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (operations.stream().allMatch(counts::containsKey)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** Waits until {@code atLeast} decisions arrived in all; fails after two minutes. */
  void awaitTotal(int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (total() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Only " + total() + " decisions within 2 minutes, expected " + atLeast);
      }
      Thread.sleep(100);
    }
  }

  /** Decisions seen per operation id. */
  Map<String, Integer> counts() {
    Map<String, Integer> copy = new java.util.HashMap<>();
    counts.forEach((id, n) -> copy.put(id, n.get()));
    return copy;
  }

  int unreadable() {
    return unreadable.get();
  }

  int total() {
    synchronized (arrivals) {
      return arrivals.size();
    }
  }

  /**
   * The longest time between two consecutive decisions (or from {@code since} to the first) among
   * those that arrived after {@code since} (a {@link System#nanoTime()} value).
   */
  Duration longestGapAfter(long since) {
    long longest = 0;
    long previous = since;
    synchronized (arrivals) {
      for (long at : arrivals) {
        if (at < since) {
          continue;
        }
        longest = Math.max(longest, at - previous);
        previous = at;
      }
    }
    return Duration.ofNanos(longest);
  }

  /** When the first decision after {@code since} arrived, as a delay from {@code since}. */
  Duration firstAfter(long since) {
    synchronized (arrivals) {
      for (long at : arrivals) {
        if (at > since) {
          return Duration.ofNanos(at - since);
        }
      }
    }
    return Duration.ofDays(1);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
