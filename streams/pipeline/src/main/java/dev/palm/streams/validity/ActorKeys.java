package dev.palm.streams.validity;

import dev.palm.audit.Keyring;
import dev.palm.audit.SigningKeys;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.operations.Identities;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one pack trusts for accountability proofs, by canonical actor id: the pipeline's keyring
 * (docs/audit-format.md §8.3) plus the pack's own {@code extensions.actor_keys}. Built once per
 * pack when the topology is built, so a proof check is a map look-up.
 */
public final class ActorKeys {

  /**
   * One trusted (or revoked) key.
   *
   * @param actor the canonical actor id
   * @param keyId the key id
   * @param publicKey the public key
   * @param revoked whether its signatures are refused
   * @param source where the key came from: {@value #FROM_KEYRING} or {@value #FROM_PACK} (the
   *     pack's {@code actor_keys} extension)
   */
  public record Entry(
      String actor, String keyId, PublicKey publicKey, boolean revoked, String source) {}

  /** The source of a key from the pipeline's keyring. */
  public static final String FROM_KEYRING = "keyring";

  /** The source of a key from the pack's own {@code actor_keys} extension. */
  public static final String FROM_PACK = "pack";

  private final Map<String, List<Entry>> byActor;
  private final List<Entry> all;

  private ActorKeys(List<Entry> entries) {
    Map<String, List<Entry>> map = new LinkedHashMap<>();
    entries.forEach(e -> map.computeIfAbsent(e.actor(), a -> new ArrayList<>()).add(e));
    map.replaceAll((a, l) -> List.copyOf(l));
    this.byActor = Map.copyOf(map);
    this.all = List.copyOf(entries);
  }

  /** No key: every proof is refused. */
  public static ActorKeys none() {
    return new ActorKeys(List.of());
  }

  /**
   * The keys of {@code pack}: {@code keyring}'s, then the pack's {@code extensions.actor_keys}.
   *
   * @throws IllegalArgumentException naming the pack and actor when a pack key does not decode
   */
  public static ActorKeys of(PlatformPack pack, Keyring keyring) {
    List<Entry> entries = new ArrayList<>();
    for (Keyring.ActorKey k : keyring.keys()) {
      entries.add(
          new Entry(
              Identities.listed(k.actor()), k.keyId(), k.publicKey(), k.revoked(), FROM_KEYRING));
    }
    pack.extensions()
        .actorKeys()
        .forEach(
            (actor, base64) -> {
              PublicKey key;
              try {
                key = SigningKeys.decodePublicKey(base64);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "pack '"
                        + pack.metadata().name()
                        + "': the actor_keys extension of '"
                        + actor
                        + "' "
                        + e.getMessage(),
                    e);
              }
              entries.add(
                  new Entry(
                      Identities.listed(actor), SigningKeys.keyId(key), key, false, FROM_PACK));
            });
    return new ActorKeys(entries);
  }

  /** The keys of the actor whose canonical id is {@code canonicalActor}. */
  public List<Entry> of(String canonicalActor) {
    return byActor.getOrDefault(canonicalActor, List.of());
  }

  /**
   * The actor's key with id {@code keyId}, if registered; a key listed twice (keyring and pack)
   * that is revoked in either is returned revoked.
   */
  public Optional<Entry> find(String canonicalActor, String keyId) {
    return of(canonicalActor).stream()
        .filter(e -> e.keyId().equals(keyId))
        .reduce(ActorKeys::stricter);
  }

  /** Of two listings of one key, the one that counts: a key revoked anywhere is revoked. */
  private static Entry stricter(Entry a, Entry b) {
    return a.revoked() || !b.revoked() ? a : b;
  }

  /** Every key, in registration order. */
  public List<Entry> all() {
    return all;
  }
}
