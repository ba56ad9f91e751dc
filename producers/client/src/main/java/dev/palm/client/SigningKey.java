package dev.palm.client;

import dev.palm.audit.RequestProofs;
import dev.palm.audit.SigningKeys;
import dev.palm.events.AccountabilityProof;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * An actor's Ed25519 key that signs what the actor sends (operation requests, approval answers,
 * hold releases) for packs that require accountability proofs (docs/audit-format.md §8). The
 * pipeline trusts its public key when it is in the pipeline's keyring or the pack's {@code
 * actor_keys}.
 *
 * @param pair the key pair
 */
public record SigningKey(KeyPair pair) {

  public SigningKey {
    Objects.requireNonNull(pair, "pair");
  }

  /**
   * Reads a key file written by {@code palm keys generate} (PEM private and public key).
   *
   * @throws IllegalArgumentException naming the file when it holds no Ed25519 key pair
   */
  public static SigningKey load(Path file) {
    return new SigningKey(SigningKeys.load(file));
  }

  /** The key id the pipeline knows the key by. */
  public String keyId() {
    return SigningKeys.keyId(pair.getPublic());
  }

  /** The proof of {@code input} (whose proof field is ignored) signed at {@code at}. */
  AccountabilityProof sign(SpecificRecord input, Instant at) {
    return RequestProofs.sign(input, pair, at);
  }
}
