package dev.palm.streams.policy;

import dev.palm.packs.PlatformPack;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.PackTotals;
import java.util.Optional;

/**
 * One input's (or one timer's) context through the policy flows: the transaction its effects are
 * queued in, the pack whose order it joined, the pack's stores and where the input came from. The
 * flows take one {@code Step} instead of threading {@code tx, rt, origin} through every call.
 *
 * @param tx the input's transaction
 * @param rt the pack's runtime
 * @param stores the policy stores (read and written through {@code tx})
 * @param origin where and when the input happened
 * @param proofKey the id of the key whose accountability proof of the input (an answer or a
 *     release) was verified, if any; every audit record of the step names it
 */
record Step(
    Transaction tx, PackRuntime rt, PolicyStores stores, Origin origin, Optional<String> proofKey) {

  Step(Transaction tx, PackRuntime rt, PolicyStores stores, Origin origin) {
    this(tx, rt, stores, origin, Optional.empty());
  }

  /** This step for an input whose proof was verified with key {@code keyId} (if any). */
  Step provenBy(Optional<String> keyId) {
    return new Step(tx, rt, stores, origin, keyId);
  }

  /** Wall-clock time of the handling. */
  long now() {
    return origin.now();
  }

  /** The pack's name. */
  String pack() {
    return rt.name();
  }

  /** The pack's contract. */
  PlatformPack contract() {
    return rt.pack();
  }

  /** This step with another origin (a timer's), same transaction and pack. */
  Step at(Origin other) {
    return new Step(tx, rt, stores, other, proofKey);
  }

  /** The store key of {@code id} in this pack. */
  String key(String id) {
    return StoreKeys.of(rt.name(), id);
  }

  /** The deployment's current state in this pack; empty when absent or the id is blank. */
  Optional<DeploymentState> deployment(String deploymentId) {
    return deploymentId.isBlank()
        ? Optional.empty()
        : tx.get(stores.deployments(), key(deploymentId));
  }

  /** The pack's running totals. */
  PackTotals totals() {
    return tx.get(stores.totals(), rt.name()).orElse(PackTotals.EMPTY);
  }

  /** The pack's sliding 60 s log of admissions. */
  RateLog rateLog() {
    return new RateLog(tx, stores, rt.name());
  }

  /** The stored entry (latest decision) of an operation; empty when none or the id is blank. */
  Optional<OperationEntry> operationEntry(String operationId) {
    return operationId.isBlank() ? Optional.empty() : tx.get(stores.operations(), key(operationId));
  }

  /** The stored entry of an operation that some other state refers to; its absence is a bug. */
  OperationEntry requireEntry(String operationId) {
    return operationEntry(operationId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "pack '"
                        + rt.name()
                        + "' has state for operation '"
                        + operationId
                        + "' but no entry in store "
                        + PolicyStores.OPERATIONS
                        + "; the stores are inconsistent (restore them from their changelogs)"));
  }
}
