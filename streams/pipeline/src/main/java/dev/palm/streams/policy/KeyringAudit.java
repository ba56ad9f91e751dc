package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.validity.ActorKeys;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records the changes of the keys a pack trusts for accountability proofs in the pack's chain, once
 * per start, beside the start's own events (packs that require proofs only): a key new to the pack
 * is {@code KEY_REGISTERED}, a key revoked or no longer listed is {@code KEY_REVOKED}
 * (docs/decisions.md §1). So the chain says, for every proof it accepted, that the key was trusted
 * then.
 */
final class KeyringAudit {

  private final KeyValueStore<String, RecordedKey> recorded;
  private final PolicyEngine engine;

  KeyringAudit(KeyValueStore<String, RecordedKey> recorded, PolicyEngine engine) {
    this.recorded = recorded;
    this.engine = engine;
  }

  /** Appends, in {@code tx}, one record per key of the pack that changed since the last start. */
  void record(Transaction tx, PackRuntime rt, long now) {
    if (!rt.requiresProof()) {
      return; // the pack judges no proof: its chain has nothing to say about keys
    }
    Map<String, ActorKeys.Entry> current = new LinkedHashMap<>();
    for (ActorKeys.Entry e : rt.keys().all()) {
      // a key listed twice (keyring and pack) counts as revoked if revoked anywhere
      current.merge(e.keyId(), e, (a, b) -> a.revoked() ? a : b);
    }
    Set<String> seen = new HashSet<>();
    for (ActorKeys.Entry e : current.values()) {
      String key = StoreKeys.of(rt.name(), e.keyId());
      seen.add(key);
      Optional<RecordedKey> before = tx.get(recorded, key);
      if (before.isPresent() && before.get().revoked() == e.revoked()) {
        continue;
      }
      if (before.isEmpty() && e.revoked()) {
        continue; // never trusted here, nothing to revoke
      }
      event(tx, rt, now, e.actor(), e.keyId(), e.revoked(), e.source());
      tx.put(recorded, key, new RecordedKey(e.actor(), e.revoked()));
    }
    // keys recorded as trusted that the keyring no longer lists: no longer trusted
    try (var all =
        recorded.range(StoreKeys.prefix(rt.name()), StoreKeys.prefix(rt.name()) + '\uffff')) {
      all.forEachRemaining(
          kv -> {
            if (!seen.contains(kv.key) && !kv.value.revoked()) {
              String keyId = kv.key.substring(StoreKeys.prefix(rt.name()).length());
              event(tx, rt, now, kv.value.actor(), keyId, true, "removed from the keyring");
              tx.put(recorded, kv.key, new RecordedKey(kv.value.actor(), true));
            }
          });
    }
  }

  private void event(
      Transaction tx,
      PackRuntime rt,
      long now,
      String actor,
      String keyId,
      boolean revoked,
      String source) {
    engine.recordSystemEvent(
        tx,
        rt,
        new SystemEvent(
            rt.name(),
            revoked ? AuditEventType.KEY_REVOKED : AuditEventType.KEY_REGISTERED,
            revoked ? ReasonCodes.KEY_REVOKED : ReasonCodes.KEY_REGISTERED,
            (revoked
                    ? "key " + keyId + " of actor '" + actor + "' is no longer trusted"
                    : "key " + keyId + " of actor '" + actor + "' is trusted")
                + " for accountability proofs ("
                + source
                + ")",
            Map.of("key.actor", actor, "key.id", keyId, "key.source", source)),
        now);
  }
}
