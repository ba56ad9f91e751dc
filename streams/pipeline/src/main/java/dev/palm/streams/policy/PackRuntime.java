package dev.palm.streams.policy;

import dev.palm.audit.AuditChain;
import dev.palm.packs.PlatformPack;
import java.util.Objects;

/**
 * One loaded pack as the policy processor uses it: the pack, its audit chain and the names of its
 * sink nodes.
 *
 * @param pack the pack
 * @param chain its audit chain (the pack's integrity algorithm)
 */
public record PackRuntime(PlatformPack pack, AuditChain chain) {

  public PackRuntime {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(chain, "chain");
  }

  /**
   * A runtime for {@code pack}, failing with a message naming the pack when its algorithm is
   * unsupported.
   */
  public static PackRuntime of(PlatformPack pack) {
    String name = pack.metadata().name();
    return new PackRuntime(
        pack, AuditChain.forPack(name, pack.stateConfig().serialization().integrityAlgorithm()));
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
