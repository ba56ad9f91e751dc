package dev.palm.streams.policy;

import dev.palm.audit.ChainHead;
import dev.palm.streams.approvals.OpenApproval;
import dev.palm.streams.approvals.StandingGrant;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.limits.RateBucket;
import dev.palm.streams.limits.RateLogHead;
import dev.palm.streams.reconciliation.Commitment;
import dev.palm.streams.reconciliation.RecordedOutcome;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The persistent (RocksDB, changelogged) key-value stores of the policy processor: names, key
 * layout (see {@link StoreKeys}) and value types, for the topology and for interactive queries.
 *
 * @param chainHeads {@value #CHAIN_HEADS}: pack → audit chain head
 * @param operations {@value #OPERATIONS}: pack/operation id → idempotency entry with the latest
 *     decision
 * @param deployments {@value #DEPLOYMENTS}: pack/deployment id → deployment state
 * @param totals {@value #PACK_TOTALS}: pack → deployment and instance totals
 * @param rateHeads {@value #RATE_HEADS}: pack → which entries of its admission log are live
 * @param rateLog {@value #RATE_LOG}: pack/index → the admissions of one millisecond in the sliding
 *     60 s window (see {@code RateLog})
 * @param approvals {@value #APPROVALS}: pack/approval id → pending approval request
 * @param holds {@value #HOLDS}: pack/hold id → active safety hold
 * @param operationAudit {@value #OPERATION_AUDIT}: pack/operation id → audit sequences
 * @param deploymentAudit {@value #DEPLOYMENT_AUDIT}: one entry per handled input that recorded
 *     something about a deployment, key {@link StoreKeys#indexed} of pack/deployment id and the
 *     entry's first sequence, value the sequences that input recorded about it (written once: a
 *     deployment's history never makes one value grow)
 * @param startupAudit {@value #STARTUP_AUDIT}: pack/start id → audit sequences of that start's
 *     startup events
 * @param commitments {@value #COMMITMENTS}: pack/operation id → allowed operation awaiting its
 *     outcome
 * @param outcomes {@value #OUTCOMES}: pack/operation id → first outcome recorded for an allowed
 *     operation
 * @param keyring {@value #KEYRING}: pack/key id → the trusted key as last recorded in the pack's
 *     chain (to record the keyring's changes at each start)
 * @param standing {@value #STANDING_APPROVALS}: pack/grant id → standing approval in force
 */
public record PolicyStores(
    KeyValueStore<String, ChainHead> chainHeads,
    KeyValueStore<String, OperationEntry> operations,
    KeyValueStore<String, DeploymentState> deployments,
    KeyValueStore<String, PackTotals> totals,
    KeyValueStore<String, RateLogHead> rateHeads,
    KeyValueStore<String, RateBucket> rateLog,
    KeyValueStore<String, OpenApproval> approvals,
    KeyValueStore<String, Hold> holds,
    KeyValueStore<String, AuditIndex> operationAudit,
    KeyValueStore<String, AuditIndex> deploymentAudit,
    KeyValueStore<String, AuditIndex> startupAudit,
    KeyValueStore<String, Commitment> commitments,
    KeyValueStore<String, RecordedOutcome> outcomes,
    KeyValueStore<String, RecordedKey> keyring,
    KeyValueStore<String, StandingGrant> standing) {

  /** Store of the audit chain heads. */
  public static final String CHAIN_HEADS = "palm-chain-heads";

  /** Store of the idempotency entries. */
  public static final String OPERATIONS = "palm-operations";

  /** Store of the deployments. */
  public static final String DEPLOYMENTS = "palm-deployments";

  /** Store of the pack totals. */
  public static final String PACK_TOTALS = "palm-pack-totals";

  /** Store of the heads of the packs' admission logs. */
  public static final String RATE_HEADS = "palm-rate-heads";

  /** Store of the admissions in the packs' sliding 60 s windows, one entry per millisecond. */
  public static final String RATE_LOG = "palm-rate-log";

  /** Store of the pending approvals. */
  public static final String APPROVALS = "palm-approvals";

  /** Store of the active holds. */
  public static final String HOLDS = "palm-holds";

  /** Store of the operation id → audit sequences index. */
  public static final String OPERATION_AUDIT = "palm-operation-audit";

  /** Store of the deployment → audit sequences index, one entry per input that touched it. */
  public static final String DEPLOYMENT_AUDIT = "palm-deployment-audit-log";

  /**
   * Store of the start id → audit sequences index, which says whose startup events are already
   * recorded.
   */
  public static final String STARTUP_AUDIT = "palm-startup-audit";

  /** Store of the open reconciliation commitments (removed when an outcome settles them). */
  public static final String COMMITMENTS = "palm-commitments";

  /** Store of the outcomes recorded for allowed operations, to recognise repeated reports. */
  public static final String OUTCOMES = "palm-outcomes";

  /** Store of the standing approvals in force. */
  public static final String STANDING_APPROVALS = "palm-standing-approvals";

  /** Store of the actors' keys recorded in each pack's chain. */
  public static final String KEYRING = "palm-keyring";

  /** Builders of all stores, to attach to the policy processor. */
  public static List<StoreBuilder<?>> builders() {
    return List.of(
        cached(store(CHAIN_HEADS, new BinarySerde<>(ChainHead.class, StoreCodecs.CHAIN_HEAD))),
        store(OPERATIONS, new BinarySerde<>(OperationEntry.class, StoreCodecs.OPERATION_ENTRY)),
        cached(
            store(DEPLOYMENTS, new BinarySerde<>(DeploymentState.class, StoreCodecs.DEPLOYMENT))),
        cached(store(PACK_TOTALS, new BinarySerde<>(PackTotals.class, StoreCodecs.PACK_TOTALS))),
        cached(
            store(
                RATE_HEADS,
                new BinarySerde<>(
                    RateLogHead.class, StoreCodecs.RATE_HEAD, StoreCodecs::ungroupedHead))),
        cached(
            store(
                RATE_LOG,
                new BinarySerde<>(
                    RateBucket.class, StoreCodecs.RATE_BUCKET, StoreCodecs::singleAdmission))),
        store(APPROVALS, new JsonSerde<>(OpenApproval.class)),
        store(HOLDS, new JsonSerde<>(Hold.class)),
        store(OPERATION_AUDIT, new BinarySerde<>(AuditIndex.class, StoreCodecs.AUDIT_INDEX)),
        store(
            DEPLOYMENT_AUDIT,
            new BinarySerde<>(
                AuditIndex.class, StoreCodecs.AUDIT_INDEX, StoreCodecs::singleSequence)),
        store(STARTUP_AUDIT, new BinarySerde<>(AuditIndex.class, StoreCodecs.AUDIT_INDEX)),
        store(COMMITMENTS, new JsonSerde<>(Commitment.class)),
        store(OUTCOMES, new JsonSerde<>(RecordedOutcome.class)),
        store(KEYRING, new JsonSerde<>(RecordedKey.class)),
        store(STANDING_APPROVALS, new JsonSerde<>(StandingGrant.class)));
  }

  /** The stores as attached to a processor. */
  public static PolicyStores from(ProcessingContext context) {
    return new PolicyStores(
        context.getStateStore(CHAIN_HEADS),
        context.getStateStore(OPERATIONS),
        context.getStateStore(DEPLOYMENTS),
        context.getStateStore(PACK_TOTALS),
        context.getStateStore(RATE_HEADS),
        context.getStateStore(RATE_LOG),
        context.getStateStore(APPROVALS),
        context.getStateStore(HOLDS),
        context.getStateStore(OPERATION_AUDIT),
        context.getStateStore(DEPLOYMENT_AUDIT),
        context.getStateStore(STARTUP_AUDIT),
        context.getStateStore(COMMITMENTS),
        context.getStateStore(OUTCOMES),
        context.getStateStore(KEYRING),
        context.getStateStore(STANDING_APPROVALS));
  }

  /**
   * The stores whose few keys are rewritten by nearly every operation (one chain head, one total
   * and one rate head per pack; the rate log's newest millisecond; busy deployments) keep their
   * latest values in Kafka Streams' record cache, so each key reaches RocksDB and its changelog
   * once per commit, not once per operation (docs/benchmarks.md). Reads go through the cache, so
   * nothing sees an older value.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> cached(
      StoreBuilder<KeyValueStore<String, V>> builder) {
    return builder.withCachingEnabled();
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    // Persistent and changelogged (the default), so state survives restarts and moves with its
    // task. Values that nearly every operation reads or writes are compact binary (BinarySerde,
    // reading what earlier versions wrote), the rest JSON.
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), values);
  }
}
