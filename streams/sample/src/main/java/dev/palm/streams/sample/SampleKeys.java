package dev.palm.streams.sample;

import dev.palm.audit.Keyring;
import dev.palm.audit.RequestProofs;
import dev.palm.audit.SigningKeys;
import dev.palm.events.AccountabilityProof;
import dev.palm.packs.PlatformPack;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ed25519 keys of the sample workload's actors, generated for one run: the workload signs its
 * requests, answers and releases with them, and the pipeline that runs it trusts their {@link
 * #keyring()} — as a platform's actors and its pipeline would (docs/audit-format.md §8).
 */
public final class SampleKeys {

  private final Map<String, KeyPair> pairs;

  private SampleKeys(Map<String, KeyPair> pairs) {
    this.pairs = Map.copyOf(pairs);
  }

  /** Fresh keys for every actor of {@code ids} and every approver and releaser the packs name. */
  public static SampleKeys generate(SampleIdentities ids, Iterable<? extends PlatformPack> packs) {
    Set<String> actors = new LinkedHashSet<>();
    actors.add(ids.agent());
    actors.add(ids.operator());
    actors.addAll(ids.approvers());
    for (PlatformPack p : packs) {
      actors.addAll(p.extensions().approvers());
      actors.addAll(p.extensions().holdReleasers());
    }
    Map<String, KeyPair> pairs = new LinkedHashMap<>();
    actors.forEach(a -> pairs.put(a, SigningKeys.generate()));
    return new SampleKeys(pairs);
  }

  /** The keyring that trusts these keys. */
  public Keyring keyring() {
    return new Keyring(
        pairs.entrySet().stream()
            .map(e -> new Keyring.ActorKey(e.getKey(), e.getValue().getPublic(), false))
            .toList());
  }

  /** The proof of {@code input} by {@code actorId}'s key, if the actor has one. */
  Optional<AccountabilityProof> sign(SpecificRecord input, String actorId, Instant at) {
    return Optional.ofNullable(pairs.get(actorId)).map(p -> RequestProofs.sign(input, p, at));
  }
}
