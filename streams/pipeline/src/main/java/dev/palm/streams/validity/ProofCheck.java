package dev.palm.streams.validity;

import dev.palm.audit.RequestProofs;
import dev.palm.events.AccountabilityProof;
import dev.palm.events.Actor;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.events.StandingApproval;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Identities;
import dev.palm.streams.operations.InputBounds;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Step 2 of the policy (docs/architecture.md §4) and its twin for answers: when the pack's {@code
 * accountability.require_proof} is on, an operation request, an approver's answer and a hold
 * release must each carry an Ed25519 signature, by a key registered for its actor and not revoked
 * ({@link ActorKeys}), over the input's canonical digest (docs/audit-format.md §8), signed
 * recently. Anything else is {@code PROOF_MISSING} or {@code PROOF_INVALID}: the pipeline cannot
 * tell who sent it, so it does not act on it.
 */
public final class ProofCheck {

  /** Rule id of every proof finding. */
  public static final String RULE = "accountability.require_proof";

  /** How old a signature may be when the input is decided. */
  public static final Duration MAX_AGE = Duration.ofMinutes(15);

  /** How far in the future a signing time may lie (clock skew). */
  public static final Duration MAX_SKEW = Duration.ofMinutes(1);

  private ProofCheck() {}

  /** What was signed, and how its sender signs it, for the messages. */
  private record Kind(String what, String how) {}

  private static final Kind REQUEST = new Kind("the request", "palm publish --key FILE");
  private static final Kind ANSWER =
      new Kind("the approval answer", "palm approvals approve|reject --key FILE");
  private static final Kind GRANT =
      new Kind("the standing approval", "palm approvals grant|revoke-grant --key FILE");
  private static final Kind RELEASE =
      new Kind("the hold release", "palm holds release|cancel --key FILE");

  /**
   * The outcome of the check.
   *
   * @param refusal why the input is refused, if it is
   * @param verifiedKey the id of the key whose valid signature the input carries, if any
   */
  public record Result(Optional<Finding> refusal, Optional<String> verifiedKey) {

    /** The pack requires no proof (and none was judged). */
    public static Result notRequired() {
      return new Result(Optional.empty(), Optional.empty());
    }

    static Result refused(String code, String message) {
      return new Result(Optional.of(new Finding(RULE, code, message)), Optional.empty());
    }

    /** Whether the input may go on. */
    public boolean accepted() {
      return refusal.isEmpty();
    }
  }

  /** Checks an operation request's proof at {@code now} (epoch milliseconds). */
  public static Result checkRequest(
      boolean required, String pack, ActorKeys keys, OperationRequested event, long now) {
    return check(required, pack, keys, event, event.getActor(), event.getProof(), REQUEST, now);
  }

  /** Checks an approver's answer's proof at {@code now}. */
  public static Result checkAnswer(
      boolean required, String pack, ActorKeys keys, ApprovalResponse event, long now) {
    return check(required, pack, keys, event, event.getApprover(), event.getProof(), ANSWER, now);
  }

  /** Checks a hold release's proof at {@code now}. */
  public static Result checkRelease(
      boolean required, String pack, ActorKeys keys, HoldRelease event, long now) {
    return check(
        required, pack, keys, event, event.getReleasedBy(), event.getProof(), RELEASE, now);
  }

  /** Checks a standing approval's (or its revocation's) proof at {@code now}. */
  public static Result checkGrant(
      boolean required, String pack, ActorKeys keys, StandingApproval event, long now) {
    return check(required, pack, keys, event, event.getGrantedBy(), event.getProof(), GRANT, now);
  }

  private static Result check(
      boolean required,
      String pack,
      ActorKeys keys,
      SpecificRecord input,
      Actor signer,
      AccountabilityProof proof,
      Kind kind,
      long now) {
    if (!required) {
      return Result.notRequired();
    }
    if (proof == null) {
      return Result.refused(
          ReasonCodes.PROOF_MISSING,
          "pack '"
              + pack
              + "' requires an accountability proof (accountability.require_proof) and "
              + kind.what()
              + " carries none: sign it with the actor's registered key ("
              + kind.how()
              + ")");
    }
    InputBounds bounds = new InputBounds();
    if (!RequestProofs.ALGORITHM.equals(proof.getAlgorithm())) {
      return Result.refused(
          ReasonCodes.PROOF_INVALID,
          "proof algorithm '"
              + bounds.id("algorithm", proof.getAlgorithm())
              + "' is not supported; use "
              + RequestProofs.ALGORITHM);
    }
    String actor = Identities.canonical(signer == null ? null : signer.getId()).id().orElse("");
    String keyId = bounds.id("key_id", proof.getKeyId());
    Optional<ActorKeys.Entry> key = keys.find(actor, proof.getKeyId());
    if (key.isEmpty()) {
      return Result.refused(
          ReasonCodes.PROOF_INVALID,
          "key '"
              + keyId
              + "' is not registered for actor '"
              + actor
              + "' in pack '"
              + pack
              + "' (the pipeline's keyring or the pack's actor_keys extension); "
              + (keys.of(actor).isEmpty()
                  ? "the actor has no key"
                  : "the actor's keys are "
                      + keys.of(actor).stream().map(e -> e.keyId()).toList()));
    }
    if (key.get().revoked()) {
      return Result.refused(
          ReasonCodes.PROOF_INVALID,
          "key " + keyId + " of actor '" + actor + "' was revoked; sign with a current key");
    }
    Instant signedAt = proof.getSignedAt();
    Instant decided = Instant.ofEpochMilli(now);
    if (signedAt == null
        || signedAt.isBefore(decided.minus(MAX_AGE))
        || signedAt.isAfter(decided.plus(MAX_SKEW))) {
      return Result.refused(
          ReasonCodes.PROOF_INVALID,
          "the proof was signed at "
              + signedAt
              + " but is decided at "
              + decided
              + "; a proof must be at most "
              + MAX_AGE.toMinutes()
              + " minutes old (and at most "
              + MAX_SKEW.toSeconds()
              + " s ahead): sign again");
    }
    if (!RequestProofs.verify(input, proof, key.get().publicKey())) {
      return Result.refused(
          ReasonCodes.PROOF_INVALID,
          "the signature does not verify with key "
              + keyId
              + " over the canonical digest of "
              + kind.what()
              + " (docs/audit-format.md §8): it was changed after signing, or signed by another"
              + " key");
    }
    return new Result(Optional.empty(), Optional.of(key.get().keyId()));
  }
}
