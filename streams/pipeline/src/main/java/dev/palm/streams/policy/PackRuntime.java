package dev.palm.streams.policy;

import dev.palm.audit.AuditChain;
import dev.palm.audit.Keyring;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.validity.ActorKeys;
import java.util.Objects;

/**
 * One loaded pack as the policy processor uses it: the pack, its audit chain and the names of its
 * sink nodes.
 *
 * @param pack the pack
 * @param chain its audit chain (the pack's integrity algorithm)
 * @param keys the actors' keys the pack trusts for accountability proofs
 */
public record PackRuntime(PlatformPack pack, AuditChain chain, ActorKeys keys) {

  public PackRuntime {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(keys, "keys");
  }

  /**
   * A runtime for {@code pack} trusting {@code keyring}'s keys and its own, failing with a message
   * naming the pack when its algorithm is unsupported or one of its keys does not decode.
   */
  public static PackRuntime of(PlatformPack pack, Keyring keyring) {
    String name = pack.metadata().name();
    return new PackRuntime(
        pack,
        AuditChain.forPack(name, pack.stateConfig().serialization().integrityAlgorithm()),
        ActorKeys.of(pack, keyring));
  }

  /** Whether the pack requires accountability proofs ({@code accountability.require_proof}). */
  public boolean requiresProof() {
    return pack.policyConfig().accountability().requireProof();
  }

  /** The pack name. */
  public String name() {
    return pack.metadata().name();
  }

  /** The pack version. */
  public String version() {
    return pack.metadata().version();
  }

  /** Sink node of the pack's decisions topic. */
  public String decisionsSink() {
    return decisionsSink(name());
  }

  /** Sink node of the pack's approvals topic. */
  public String approvalsSink() {
    return approvalsSink(name());
  }

  /** Sink node of the pack's audit topic. */
  public String auditSink() {
    return auditSink(name());
  }

  /** Sink node name of a pack's decisions topic. */
  public static String decisionsSink(String pack) {
    return "palm-" + pack + "-decisions-sink";
  }

  /** Sink node name of a pack's approvals topic. */
  public static String approvalsSink(String pack) {
    return "palm-" + pack + "-approvals-sink";
  }

  /** Sink node name of a pack's audit topic. */
  public static String auditSink(String pack) {
    return "palm-" + pack + "-audit-sink";
  }
}
