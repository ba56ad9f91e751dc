package dev.palm.streams.dlq;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.palm.registry.RegistryUnavailableException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the topology treats an outage of the schema registry: it is not the record's fault, so the record must
 * neither go to the dead-letter topic nor be skipped. A step that may call the registry is retried in place
 * after short pauses; when the registry is still away, the task gives up its open transaction with a
 * {@link TaskCorruptedException}, which makes Kafka Streams abort the transaction, rebuild the task's stores
 * from their changelogs (exactly-once: nothing of the aborted work remains) and process the same record again.
 * Processing thus waits for the registry and resumes by itself; every other failure keeps its own handling.
 */
public final class Outages {

    private static final Logger LOG = LoggerFactory.getLogger(Outages.class);
    /**
     * Pauses before the in-place retries: about 3 s in all, well inside Kafka Streams' default transaction
     * timeout (10 s under exactly-once), so a short blip costs no abort.
     */
    static final List<Long> PAUSES_MS = List.of(200L, 400L, 800L, 1600L);

    private Outages() {
    }

    /**
     * Runs {@code step}, retrying it in place while the registry is unavailable; the step must have no effect
     * when it fails (a decode, or the building of a {@code Transaction} that is not committed yet).
     *
     * @param context the task's context, for the task id
     * @param what    what the step does, for the log line
     * @throws TaskCorruptedException when the registry stayed unavailable
     */
    public static <T> T retrying(ProcessorContext<?, ?> context, String what, Supplier<T> step) {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!RegistryUnavailableException.isCause(e)) {
                    throw e;
                }
                if (attempt >= PAUSES_MS.size()) {
                    throw giveUp(context, what, e);
                }
                sleep(PAUSES_MS.get(attempt));
            }
        }
    }

    /**
     * When {@code e} is a registry outage: the exception that aborts the task's transaction for a replay (see the
     * class comment), after one log line naming the registry and the cause. Otherwise {@code e} itself.
     */
    public static RuntimeException giveUp(ProcessorContext<?, ?> context, String what, RuntimeException e) {
        return RegistryUnavailableException.find(e).<RuntimeException>map(outage -> {
            LOG.warn("Schema registry unavailable while {} (task {}): {}. Processing waits: the task's open"
                    + " transaction is aborted and the same records are processed again once the registry answers;"
                    + " nothing goes to the dead-letter topic for this.", what, context.taskId(), outage.getMessage());
            return new TaskCorruptedException(Set.of(context.taskId()));
        }).orElse(e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
