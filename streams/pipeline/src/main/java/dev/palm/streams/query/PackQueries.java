package dev.palm.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.audit.ChainHead;
import dev.palm.audit.Digests;
import dev.palm.audit.VerificationResult;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.approvals.OpenApproval;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.policy.AuditIndex;
import dev.palm.streams.policy.OperationEntry;
import dev.palm.streams.policy.PolicyStores;
import dev.palm.streams.policy.StoreKeys;
import dev.palm.wire.AvroJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers the per-pack queries from this instance's state stores (interactive queries on the
 * partition that holds the pack) and the pack's audit topic. Callers have already made sure this
 * instance owns the pack.
 */
final class PackQueries {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final AuditTopicReader audit;
  private final String self;

  PackQueries(KafkaStreams streams, AuditTopicReader audit, String self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.self = Objects.requireNonNull(self, "self");
  }

  /**
   * What every answer says about a pack without reading state: name, version, profile, chain
   * algorithm.
   */
  static ObjectNode describe(PlatformPack pack) {
    ObjectNode node = Reply.MAPPER.createObjectNode();
    node.put("name", pack.metadata().name());
    node.put("displayName", pack.metadata().displayName());
    node.put("version", pack.metadata().version());
    node.put("profile", pack.profile().name());
    node.put(
        "integrityAlgorithm",
        Digests.wireName(pack.stateConfig().serialization().integrityAlgorithm()));
    return node;
  }

  /** The pack with its counts from the stores of {@code partition}. */
  ObjectNode pack(PlatformPack pack, int partition) {
    String name = pack.metadata().name();
    ObjectNode node = describe(pack);
    node.put("partition", partition);
    node.put("servedBy", self);
    ChainHead head = this.<ChainHead>get(PolicyStores.CHAIN_HEADS, partition, name);
    PackTotals totals = this.<PackTotals>get(PolicyStores.PACK_TOTALS, partition, name);
    ObjectNode counts = node.putObject("counts");
    counts.put("deployments", count(PolicyStores.DEPLOYMENTS, partition, name));
    counts.put("pendingApprovals", count(PolicyStores.APPROVALS, partition, name));
    counts.put("activeHolds", count(PolicyStores.HOLDS, partition, name));
    counts.put("auditRecords", head == null ? 0 : head.nextSequence());
    node.set("totals", tree(totals == null ? PackTotals.EMPTY : totals));
    node.set("auditHead", head == null ? null : tree(head));
    return node;
  }

  /** The current state and audit history of one operation, or a 404 when the pack never saw it. */
  ObjectNode operation(String pack, String operationId, int partition) {
    String key = StoreKeys.of(pack, operationId);
    OperationEntry entry = this.<OperationEntry>get(PolicyStores.OPERATIONS, partition, key);
    AuditIndex index = this.<AuditIndex>get(PolicyStores.OPERATION_AUDIT, partition, key);
    if (entry == null && index == null) {
      throw QueryFailure.notFound("pack '" + pack + "' has no operation '" + operationId + "'");
    }
    ObjectNode node = Reply.MAPPER.createObjectNode();
    node.put("pack", pack);
    node.put("operationId", operationId);
    node.put("servedBy", self);
    node.set("request", entry == null ? null : tree(entry.operation()));
    node.set("decision", entry == null ? null : tree(entry.decision()));
    OpenApproval approval =
        entry == null
            ? null
            : entry
                .approvalId()
                .map(
                    id ->
                        this.<OpenApproval>get(
                            PolicyStores.APPROVALS, partition, StoreKeys.of(pack, id)))
                .orElse(null);
    Hold hold =
        entry == null
            ? null
            : entry
                .holdId()
                .map(id -> this.<Hold>get(PolicyStores.HOLDS, partition, StoreKeys.of(pack, id)))
                .orElse(null);
    node.set("pendingApproval", approval == null ? null : tree(approval));
    node.set("activeHold", hold == null ? null : tree(hold));
    history(node, pack, index);
    return node;
  }

  /** The current state and audit history of one deployment, or a 404 when the pack never saw it. */
  ObjectNode deployment(String pack, String deploymentId, int partition) {
    String key = StoreKeys.of(pack, deploymentId);
    DeploymentState state = this.<DeploymentState>get(PolicyStores.DEPLOYMENTS, partition, key);
    List<Long> sequences =
        read(
            () -> {
              List<Long> all = new ArrayList<>();
              try (KeyValueIterator<String, AuditIndex> it =
                  this.<AuditIndex>store(PolicyStores.DEPLOYMENT_AUDIT, partition)
                      .prefixScan(StoreKeys.indexPrefix(key), KEYS)) {
                it.forEachRemaining(kv -> all.addAll(kv.value.sequences()));
              }
              return all;
            });
    AuditIndex index = sequences.isEmpty() ? null : new AuditIndex(sequences);
    if (state == null && index == null) {
      throw QueryFailure.notFound("pack '" + pack + "' has no deployment '" + deploymentId + "'");
    }
    ObjectNode node = Reply.MAPPER.createObjectNode();
    node.put("pack", pack);
    node.put("deploymentId", deploymentId);
    node.put("servedBy", self);
    node.set("deployment", state == null ? null : tree(state));
    history(node, pack, index);
    return node;
  }

  /** The pack's pending approval requests, oldest first. */
  ObjectNode approvals(String pack, String state, int partition) {
    if (!state.equals("pending")) {
      throw QueryFailure.badRequest(
          "approval state '"
              + state
              + "' cannot be listed: the pipeline keeps"
              + " only pending requests in its state (state=pending); settled ones are in the audit trail"
              + " (palm audit query --type APPROVAL_GRANTED, APPROVAL_REJECTED or APPROVAL_EXPIRED)");
    }
    List<OpenApproval> pending =
        read(
            () -> {
              List<OpenApproval> all = new ArrayList<>();
              try (KeyValueIterator<String, OpenApproval> it =
                  this.<OpenApproval>store(PolicyStores.APPROVALS, partition)
                      .prefixScan(StoreKeys.prefix(pack), KEYS)) {
                it.forEachRemaining(kv -> all.add(kv.value));
              }
              return all;
            });
    pending.sort(
        Comparator.comparingLong(OpenApproval::requestedAt)
            .thenComparing(OpenApproval::approvalId));
    ObjectNode node = Reply.MAPPER.createObjectNode();
    node.put("pack", pack);
    node.put("state", state);
    node.put("servedBy", self);
    ArrayNode list = node.putArray("approvals");
    pending.forEach(a -> list.add(tree(a)));
    return node;
  }

  /** The verdict on the pack's retained audit trail. */
  ObjectNode verify(PlatformPack pack) {
    String name = pack.metadata().name();
    AuditTopicReader.Verification verification =
        audit.verify(name, pack.stateConfig().serialization().integrityAlgorithm());
    VerificationResult result = verification.result();
    ObjectNode node = Reply.MAPPER.createObjectNode();
    node.put("pack", name);
    node.put("servedBy", self);
    node.put("topic", verification.topic());
    node.put("partition", verification.partition());
    node.put("startOffset", verification.startOffset());
    node.put("endOffset", verification.endOffset());
    node.put("from", verification.fromGenesis() ? "genesis" : "first retained record");
    node.put("status", result.status().name());
    node.put("intact", result.intact());
    node.put("recordsChecked", result.recordsChecked());
    putOptional(node, "firstSequence", result.firstSequence());
    putOptional(node, "lastSequence", result.lastSequence());
    node.put("headHash", result.headHash().orElse(null));
    putOptional(node, "firstBadSequence", result.firstBadSequence());
    node.put("problems", result.problems());
    node.put("message", result.message());
    ArrayNode notes = node.putArray("notes");
    if (!verification.fromGenesis()) {
      notes.add(
          "The partition starts at offset "
              + verification.startOffset()
              + ": earlier records were"
              + " removed (retention or deletion), so the first retained record's sequence and prev_hash are"
              + " trusted; verify the signed checkpoints (palm audit verify) to prove the earlier part.");
    }
    notes.add(
        "A hash chain cannot show that its last records were deleted; the signed checkpoints can.");
    return node;
  }

  /**
   * Entries of {@code pack} in {@code storeName} over every partition this instance holds actively
   * (for the gauges: summed over all instances, that is the pack's total).
   */
  long countLocal(String storeName, String pack) {
    return read(
        () -> {
          ReadOnlyKeyValueStore<String, Object> store =
              streams.store(
                  StoreQueryParameters.fromNameAndType(
                      storeName, QueryableStoreTypes.<String, Object>keyValueStore()));
          return countPrefix(store, pack);
        });
  }

  private long count(String storeName, int partition, String pack) {
    return read(() -> countPrefix(this.<Object>store(storeName, partition), pack));
  }

  private static long countPrefix(ReadOnlyKeyValueStore<String, ?> store, String pack) {
    long n = 0;
    try (KeyValueIterator<String, ?> it = store.prefixScan(StoreKeys.prefix(pack), KEYS)) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  /** Adds the audit sequences of an index and the records read back for them. */
  private void history(ObjectNode node, String pack, AuditIndex index) {
    List<Long> sequences = index == null ? List.of() : index.sequences();
    ArrayNode seqs = node.putArray("auditSequences");
    sequences.forEach(seqs::add);
    AuditTopicReader.Lookup lookup = audit.find(pack, sequences);
    ArrayNode records = node.putArray("audit");
    for (AuditTopicReader.StoredRecord r : lookup.records()) {
      records.add(
          AvroJson.toJson(
              r.record(),
              r.topic(),
              r.partition(),
              r.offset(),
              Instant.ofEpochMilli(r.timestamp())));
    }
    ArrayNode missing = node.putArray("missingSequences");
    lookup.missing().forEach(missing::add);
  }

  /**
   * The value of {@code key} in one partition of a policy store (503 while it cannot be queried).
   */
  private <V> V get(String storeName, int partition, String key) {
    return read(() -> this.<V>store(storeName, partition).get(key));
  }

  /** One partition of a policy store; call inside {@link #read}. */
  private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
            .withPartition(partition));
  }

  /** Runs a store read, turning "not queryable now" (rebalance, restore, migration) into a 503. */
  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw QueryFailure.unavailable(
          "the pipeline's state cannot be queried right now ("
              + e.getMessage()
              + "); retry in a moment",
          e);
    }
  }

  private static JsonNode tree(Object value) {
    return Reply.MAPPER.valueToTree(value);
  }

  private static void putOptional(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }
}
