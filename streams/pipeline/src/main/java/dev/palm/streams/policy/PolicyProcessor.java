package dev.palm.streams.policy;

import dev.palm.events.SourcePosition;
import dev.palm.packs.EscalationConfig;
import dev.palm.packs.EscalationLevel;
import dev.palm.streams.approvals.ApprovalTimeoutPunctuator;
import dev.palm.streams.approvals.EscalationPunctuator;
import dev.palm.streams.dlq.DeadLetters;
import dev.palm.streams.dlq.OutageException;
import dev.palm.streams.dlq.Outages;
import dev.palm.streams.dlq.RawInput;
import dev.palm.streams.holds.HoldAutoReleasePunctuator;
import dev.palm.streams.reconciliation.OverdueCommitmentPunctuator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy stage: receives the decoded inputs of all packs (keyed by pack, so each pack is one
 * total order in one task), runs {@link PolicyEngine} in a {@link Transaction} per input, and
 * schedules the timer punctuators (approval expiry, escalation, hold auto-release, overdue
 * reconciliation). An input that fails is sent, byte for byte, to the dead-letter topic with the
 * reason, without any of its effects; processing continues with the next input. A registry outage
 * is not the input's failure: the input waits for the registry ({@link Outages}). The startup
 * events of the options ({@link StartupEvents}) go first in each pack's chain, in the transaction
 * of the pack's first input or timer item, and are never recorded twice for the same start.
 */
public final class PolicyProcessor implements Processor<String, PolicyInput, Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyProcessor.class);

  private final Map<String, PackRuntime> runtimes;
  private final PolicyOptions options;
  private final String deadLetterSink;
  private final List<String> auditListeners;
  private final Supplier<Map<String, SinkEncoder>> encoders;
  private Map<String, SinkEncoder> sinkEncoders = Map.of();

  /**
   * Timer items ({@link #timerItem store and key}) that failed once in this instance; retrying them
   * every punctuation would flood the DLQ.
   */
  private final Set<String> failedTimerItems = new HashSet<>();

  private ProcessorContext<Object, Object> context;
  private PolicyStores stores;
  private PolicyEngine engine;
  private StartupEvents startup;

  /**
   * @param runtimes loaded packs by name
   * @param options timer settings and startup events
   * @param deadLetterSink sink node of the dead-letter topic
   * @param auditListeners child nodes that receive every appended audit record too (e.g. the
   *     checkpoints)
   * @param encoders per task: the serializer of each byte sink child (decisions, approvals, audit),
   *     so outputs are serialized before any store write of their input is applied
   */
  public PolicyProcessor(
      Map<String, PackRuntime> runtimes,
      PolicyOptions options,
      String deadLetterSink,
      List<String> auditListeners,
      Supplier<Map<String, SinkEncoder>> encoders) {
    this.runtimes = Map.copyOf(runtimes);
    this.options = Objects.requireNonNull(options, "options");
    this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    this.auditListeners = List.copyOf(auditListeners);
    this.encoders = Objects.requireNonNull(encoders, "encoders");
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.sinkEncoders = Map.copyOf(encoders.get());
    this.stores = PolicyStores.from(context);
    this.engine = new PolicyEngine(runtimes.keySet(), stores, auditListeners);
    Map<String, List<EscalationLevel>> levels = new HashMap<>();
    runtimes.forEach(
        (name, rt) -> {
          EscalationConfig escalation = rt.pack().recoveryConfig().escalation();
          levels.put(name, escalation.enabled() ? escalation.levels() : List.of());
        });
    context.schedule(
        options.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        new ApprovalTimeoutPunctuator(
            stores.approvals(),
            (key, item, now) ->
                onTimer(
                    PolicyStores.APPROVALS,
                    key,
                    item,
                    item.pack(),
                    now,
                    (tx, rt) -> engine.expireApproval(tx, rt, key, now))));
    context.schedule(
        options.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        new EscalationPunctuator(
            stores.approvals(),
            levels,
            (key, escalation, now) ->
                onTimer(
                    PolicyStores.APPROVALS,
                    key + "#" + escalation.level().level(),
                    escalation.approval(),
                    escalation.approval().pack(),
                    now,
                    (tx, rt) -> engine.escalate(tx, rt, key, escalation.level(), now))));
    context.schedule(
        options.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        new HoldAutoReleasePunctuator(
            stores.holds(),
            (key, hold, now) ->
                onTimer(
                    PolicyStores.HOLDS,
                    key,
                    hold,
                    hold.pack(),
                    now,
                    (tx, rt) -> engine.autoReleaseHold(tx, rt, key, now))));
    context.schedule(
        options.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        new OverdueCommitmentPunctuator(
            stores.commitments(),
            (key, commitment, now) ->
                onTimer(
                    PolicyStores.COMMITMENTS,
                    key,
                    commitment,
                    commitment.pack(),
                    now,
                    (tx, rt) -> engine.raiseOverdue(tx, rt, key, now))));
    startup =
        new StartupEvents(
            options.startupEvents().stream().filter(e -> owns(context, e.pack())).toList(),
            stores.startupAudit(),
            engine,
            new KeyringAudit(stores.keyring(), engine));
    // startup events at the first tick (records cannot be forwarded from init, and a pack may get
    // no input for long), then whatever the topic guard finds while running
    context.schedule(
        options.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        timestamp -> {
          options.runtimeEvents().take(pack -> owns(context, pack)).forEach(startup::add);
          startup
              .pendingPacks()
              .forEach(pack -> recordStartup(pack, context.currentSystemTimeMs()));
        });
  }

  /**
   * Whether this task owns {@code pack}: its records are in this task's partition under Kafka's
   * default key partitioner, so its chain head lives in this task's store.
   */
  private boolean owns(ProcessorContext<Object, Object> context, String pack) {
    if (!runtimes.containsKey(pack)) {
      return false;
    }
    int partition =
        Utils.toPositive(Utils.murmur2(pack.getBytes(StandardCharsets.UTF_8)))
            % options.inputPartitions();
    return partition == context.taskId().partition();
  }

  @Override
  public void process(Record<String, PolicyInput> record) {
    PolicyInput input = record.value();
    RawInput raw = input.raw();
    long now = context.currentSystemTimeMs();
    PackRuntime rt = runtimes.get(record.key());
    if (rt == null) {
      context.forward(
          DeadLetters.of(
              raw,
              "record key '"
                  + record.key()
                  + "' is not a loaded pack (loaded: "
                  + String.join(", ", runtimes.keySet().stream().sorted().toList())
                  + "); key input records by the name of a loaded pack",
              null,
              now),
          deadLetterSink);
      return;
    }
    Origin origin =
        new Origin(
            Optional.of(new SourcePosition(raw.topic(), raw.partition(), raw.offset())),
            record.timestamp(),
            now);
    // built only when an outage is logged: this runs for every input
    Supplier<String> what =
        () ->
            "processing "
                + raw.topic()
                + "-"
                + raw.partition()
                + "@"
                + raw.offset()
                + " of pack "
                + rt.name();
    Transaction tx;
    try {
      // Nothing is applied until commit, so a registry outage can be retried by building the input
      // again.
      tx =
          Outages.retrying(
              context,
              what,
              () -> {
                Transaction t = new Transaction(sinkEncoders);
                // The pack's startup events go first, with this input's outputs, if no tick has
                // recorded them yet.
                startup.appendPending(t, rt, now);
                // Java 17: no pattern matching in switch, so dispatch with instanceof.
                if (input instanceof PolicyInput.OperationInput op) {
                  engine.onOperation(t, rt, op.event(), origin);
                } else if (input instanceof PolicyInput.ResponseInput response) {
                  engine.onResponse(t, rt, response.event(), origin);
                } else if (input instanceof PolicyInput.GrantInput grant) {
                  engine.onGrant(t, rt, grant.event(), origin);
                } else if (input instanceof PolicyInput.ReleaseInput release) {
                  engine.onRelease(t, rt, release.event(), origin);
                } else if (input instanceof PolicyInput.OutcomeInput outcome) {
                  engine.onOutcome(t, rt, outcome.event(), origin);
                }
                return t;
              });
    } catch (OutageException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn(
          "Input {}-{}@{} of pack {} could not be processed and goes to the dead-letter topic",
          raw.topic(),
          raw.partition(),
          raw.offset(),
          rt.name(),
          e);
      if (startup.isPending(rt.name())) {
        // the failed input's transaction took the startup events with it; they must not wait for a
        // tick
        recordStartup(rt.name(), now);
      }
      context.forward(
          DeadLetters.of(
              raw, "processing failed for pack '" + rt.name() + "': " + e.getMessage(), e, now),
          deadLetterSink);
      return;
    }
    commit(tx, what, now);
  }

  /**
   * Applies a built transaction. Once its first store write is applied the input has effects, so a
   * failure here is never dead-lettered: it is rethrown (an outage as a replay of the task, see
   * {@link Outages}).
   */
  private void commit(Transaction tx, Supplier<String> what, long now) {
    try {
      tx.commit(context, now);
    } catch (RuntimeException e) {
      throw Outages.giveUp(context, what, e);
    }
  }

  /**
   * Handles one due timer item in its own transaction; a failure sends the item's state to the DLQ
   * once.
   */
  private void onTimer(
      String store, String key, Object item, String pack, long now, TimerAction action) {
    String failureKey = timerItem(store, key);
    if (failedTimerItems.contains(failureKey)) {
      return;
    }
    PackRuntime rt = runtimes.get(pack);
    if (rt == null) {
      // The pack was unloaded; its timers wait until it is loaded again.
      return;
    }
    Supplier<String> what = () -> "timer item " + key + " of store " + store;
    Transaction tx;
    try {
      tx =
          Outages.retrying(
              context,
              what,
              () -> {
                Transaction t = new Transaction(sinkEncoders);
                // Timers of one tick run in no fixed order: the pack's startup events precede what
                // any of them
                // records.
                startup.appendPending(t, rt, now);
                action.run(t, rt);
                return t;
              });
    } catch (OutageException e) {
      throw e;
    } catch (RuntimeException e) {
      failedTimerItems.add(failureKey);
      LOG.warn(
          "Timer item {} of store {} (pack {}) failed and goes to the dead-letter topic",
          key,
          store,
          pack,
          e);
      byte[] value = JsonSerde.MAPPER.valueToTree(item).toString().getBytes(StandardCharsets.UTF_8);
      RawInput raw =
          new RawInput(
              store, -1, -1, key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders());
      context.forward(
          DeadLetters.of(
              raw,
              "timer failed for pack '" + pack + "' item '" + key + "': " + e.getMessage(),
              e,
              now),
          deadLetterSink);
      return;
    }
    commit(tx, what, now);
  }

  /**
   * Records the pack's pending startup events in their own transaction; a failure sends them to the
   * DLQ once.
   */
  private void recordStartup(String pack, long now) {
    String key = "startup/" + pack;
    onTimer(
        "startup",
        key,
        startup.pendingOf(pack),
        pack,
        now,
        (tx, rt) -> {
          // nothing more: onTimer appends the pending startup events first
        });
    if (failedTimerItems.contains(timerItem("startup", key))) {
      startup.abandon(pack);
    }
  }

  /**
   * Identifies a timer item by store and key: keys of different stores can coincide (the commitment
   * of operation {@code approval-x} and the approval of operation {@code x} are both {@code
   * <pack>/approval-x}).
   */
  private static String timerItem(String store, String key) {
    return store + " " + key;
  }

  @FunctionalInterface
  private interface TimerAction {
    void run(Transaction tx, PackRuntime rt);
  }
}
