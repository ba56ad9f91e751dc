package dev.palm.streams.dlq;

import dev.palm.registry.RegistryUnavailableException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the topology treats an outage of the schema registry: it is not the record's fault, so the
 * record must neither go to the dead-letter topic nor be skipped. A step that may call the registry
 * is retried in place after short pauses; when the registry is still away, the stream thread ends
 * with an {@link OutageException}, which the pipeline's uncaught-exception handler answers by
 * replacing the thread: the old thread leaves the group, its open transaction is aborted and its
 * stores are rebuilt from their changelogs (exactly-once: nothing of the aborted work remains), and
 * the new thread resumes at the last committed offsets, so the same record is processed again.
 * Processing thus waits for the registry and resumes by itself; every other failure keeps its own
 * handling.
 *
 * <p>(A {@code TaskCorruptedException} would be lighter, but when Kafka Streams revives the task
 * through a rebalance that keeps the partitions assigned, the consumer keeps its position and the
 * record is skipped.)
 */
public final class Outages {

  private static final Logger LOG = LoggerFactory.getLogger(Outages.class);

  /**
   * Pauses before the in-place retries: about 7 s in all (and at most {@link #BUDGET_MS} with the
   * calls), inside Kafka Streams' default transaction timeout (10 s under exactly-once), so a short
   * blip costs no abort and a long outage costs one thread replacement per round.
   */
  static final List<Long> PAUSES_MS = List.of(200L, 400L, 800L, 1600L, 2000L, 2000L);

  /**
   * The in-place budget, calls included: a registry that hangs instead of refusing (each call
   * bounded by the client's timeouts) ends the round as soon as the budget is spent.
   */
  static final long BUDGET_MS = 8_000;

  private Outages() {}

  /**
   * Runs {@code step}, retrying it in place while the registry is unavailable; the step must have
   * no effect when it fails (a decode, or the building of a {@code Transaction} that is not
   * committed yet).
   *
   * @param context the task's context, for the task id
   * @param what what the step does, for the log line (built only when it is logged: this is the hot
   *     path)
   * @throws OutageException when the registry stayed unavailable
   */
  public static <T> T retrying(
      ProcessorContext<?, ?> context, Supplier<String> what, Supplier<T> step) {
    long deadline = System.nanoTime() + BUDGET_MS * 1_000_000L;
    for (int attempt = 0; ; attempt++) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        if (!RegistryUnavailableException.isCause(e)) {
          throw e;
        }
        long pause = attempt < PAUSES_MS.size() ? PAUSES_MS.get(attempt) : -1;
        if (pause < 0 || System.nanoTime() + pause * 1_000_000L > deadline) {
          throw giveUp(context, what, e);
        }
        sleep(pause);
      }
    }
  }

  /**
   * When {@code e} is a registry outage: the exception that ends the stream thread for a replay
   * (see the class comment), after one log line naming the registry and the cause. Otherwise {@code
   * e} itself.
   */
  public static RuntimeException giveUp(
      ProcessorContext<?, ?> context, Supplier<String> what, RuntimeException e) {
    if (e instanceof OutageException) {
      return e;
    }
    return RegistryUnavailableException.find(e)
        .<RuntimeException>map(
            outage -> {
              String step = what.get();
              LOG.warn(
                  "Schema registry unavailable while {} (task {}): {}. Processing waits: the stream thread is"
                      + " replaced, its open transaction aborted, and the same records are processed again once the"
                      + " registry answers; nothing goes to the dead-letter topic for this.",
                  step,
                  context.taskId(),
                  outage.getMessage());
              return new OutageException(
                  "Schema registry unavailable while " + step + ": " + outage.getMessage(), outage);
            })
        .orElse(e);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
