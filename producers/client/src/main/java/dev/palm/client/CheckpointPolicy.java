package dev.palm.client;

import dev.palm.audit.CheckpointVerifier;
import dev.palm.audit.SigningKeys;
import dev.palm.events.Checkpoint;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * Whether and how {@link AuditReader#verify} checks the pack's signed checkpoints besides the hash
 * chain.
 *
 * @param enabled whether checkpoints are read and checked at all
 * @param trustedKeys public keys of the pipeline; empty means each checkpoint's embedded key is
 *     used, which detects changes to a checkpoint but not a forger who re-signs with a key of their
 *     own
 * @param trustOnFirstUse with no trusted keys: trust the first checkpoint's key and only it
 */
public record CheckpointPolicy(
    boolean enabled, List<PublicKey> trustedKeys, boolean trustOnFirstUse) {

  public CheckpointPolicy {
    trustedKeys = List.copyOf(Objects.requireNonNull(trustedKeys, "trustedKeys"));
  }

  /** Policy without trust on first use. */
  public CheckpointPolicy(boolean enabled, List<PublicKey> trustedKeys) {
    this(enabled, trustedKeys, false);
  }

  /**
   * Trusts the key of the first validly signed checkpoint read, and only it: the verdict names the
   * key, to pin from then on.
   */
  public static CheckpointPolicy trustingFirstKey() {
    return new CheckpointPolicy(true, List.of(), true);
  }

  /** Checks the chain only. */
  public static CheckpointPolicy none() {
    return new CheckpointPolicy(false, List.of());
  }

  /** Checks checkpoint signatures against the key each checkpoint embeds. */
  public static CheckpointPolicy embeddedKeys() {
    return new CheckpointPolicy(true, List.of());
  }

  /** Checks that checkpoints are signed by one of these keys. */
  public static CheckpointPolicy trusting(List<PublicKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "Give at least one trusted public key, or use embeddedKeys()");
    }
    return new CheckpointPolicy(true, keys);
  }

  /** A fresh verifier that judges signing keys as this policy says. */
  public CheckpointVerifier newVerifier() {
    if (!trustedKeys.isEmpty()) {
      return CheckpointVerifier.trusting(trustedKeys);
    }
    return trustOnFirstUse
        ? CheckpointVerifier.trustingFirstKey()
        : CheckpointVerifier.trustingEmbeddedKeys();
  }

  /**
   * Whether a checkpoint's word about which records are foreign may be taken: its signature
   * verifies over {@code signed} and, when keys are pinned, its key is one of them. An attacker's
   * checkpoint must not be able to hide a genuine record.
   */
  public boolean mayList(Checkpoint checkpoint, byte[] signed) {
    if (!CheckpointVerifier.signatureValid(checkpoint, signed)) {
      return false;
    }
    return trustedKeys.isEmpty()
        || trustedKeys.stream()
            .map(SigningKeys::publicKeyBase64)
            .anyMatch(checkpoint.getPublicKey()::equals);
  }
}
