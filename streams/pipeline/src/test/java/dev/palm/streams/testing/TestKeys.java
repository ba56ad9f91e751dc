package dev.palm.streams.testing;

import dev.palm.audit.Keyring;
import dev.palm.audit.RequestProofs;
import dev.palm.audit.SigningKeys;
import dev.palm.events.AccountabilityProof;
import dev.palm.streams.operations.Identities;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ed25519 keys of the actors that tests use (generated once per test JVM), the keyring that trusts
 * them, and signing with them, so that packs requiring accountability proofs (iBank, Finalverse)
 * can be driven like the others.
 */
public final class TestKeys {

  /** The actors with a key (canonical ids). */
  public static final List<String> ACTORS =
      List.of(
          "alice",
          "bob",
          "carol",
          "dave",
          "erin",
          "frank",
          "grace",
          "heidi",
          "ivan",
          "judy",
          "mallory",
          "oscar",
          "peggy",
          "trent",
          "victor",
          "walter",
          "bot",
          "deployer",
          "agent",
          "ops",
          "ops-lead",
          "operations",
          "on-call",
          "security-team",
          "sre",
          "admin",
          "auditor",
          "approver",
          "releaser",
          "security",
          "a",
          "b",
          "c");

  private static final Map<String, KeyPair> PAIRS = new LinkedHashMap<>();

  static {
    ACTORS.forEach(a -> PAIRS.put(a, SigningKeys.generate()));
  }

  private TestKeys() {}

  /** The keyring of every test actor's key. */
  public static Keyring keyring() {
    return new Keyring(
        PAIRS.entrySet().stream()
            .map(e -> new Keyring.ActorKey(e.getKey(), e.getValue().getPublic(), false))
            .toList());
  }

  /** The key pair of the actor whose canonical id {@code actorId} has, if a test actor. */
  public static Optional<KeyPair> of(String actorId) {
    return Identities.canonical(actorId).id().map(PAIRS::get);
  }

  /** The proof of {@code input} by {@code actorId}'s key, signed at {@code at}, if it has a key. */
  public static Optional<AccountabilityProof> proof(
      SpecificRecord input, String actorId, Instant at) {
    return of(actorId).map(pair -> RequestProofs.sign(input, pair, at));
  }
}
