package dev.palm.wire;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.events.StandingApproval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed registry of PALM's topics (docs/architecture.md §3): the shared inputs keyed by pack,
 * the per-pack outputs and the dead-letter topic, all below one name prefix ({@code palm} by
 * default; tests use their own prefix so several runs can share one broker).
 */
public final class TopicLayout {

  /**
   * The prefix of the production topic names ({@code palm.operations}, {@code palm.ibank.audit},
   * ...).
   */
  public static final String DEFAULT_PREFIX = "palm";

  private static final Pattern LEGAL_PART = Pattern.compile("[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*");

  private final String prefix;

  private TopicLayout(String prefix) {
    this.prefix = requireLegal(prefix, "topic prefix");
  }

  /** The production layout, prefix {@code palm}. */
  public static TopicLayout defaults() {
    return new TopicLayout(DEFAULT_PREFIX);
  }

  /**
   * A layout whose topic names start with {@code prefix + "."}, e.g. {@code test-42.operations}.
   */
  public static TopicLayout withPrefix(String prefix) {
    return new TopicLayout(prefix);
  }

  /** The name prefix without the trailing dot. */
  public String prefix() {
    return prefix;
  }

  /** {@code <prefix>.operations}: {@link OperationRequested} keyed by pack. */
  public TopicSpec<String, OperationRequested> operations() {
    return shared(TopicRole.OPERATIONS, OperationRequested.class);
  }

  /** {@code <prefix>.approvals.responses}: {@link ApprovalResponse} keyed by pack. */
  public TopicSpec<String, ApprovalResponse> approvalResponses() {
    return shared(TopicRole.APPROVAL_RESPONSES, ApprovalResponse.class);
  }

  /** {@code <prefix>.approvals.grants}: {@link StandingApproval} keyed by pack. */
  public TopicSpec<String, StandingApproval> approvalGrants() {
    return shared(TopicRole.APPROVAL_GRANTS, StandingApproval.class);
  }

  /** {@code <prefix>.holds.releases}: {@link HoldRelease} keyed by pack. */
  public TopicSpec<String, HoldRelease> holdReleases() {
    return shared(TopicRole.HOLD_RELEASES, HoldRelease.class);
  }

  /** {@code <prefix>.outcomes}: {@link OperationOutcome} keyed by pack. */
  public TopicSpec<String, OperationOutcome> outcomes() {
    return shared(TopicRole.OUTCOMES, OperationOutcome.class);
  }

  /** {@code <prefix>.dlq}: raw key and value bytes plus {@code palm.dlq.*} headers saying why. */
  public TopicSpec<byte[], byte[]> dlq() {
    return new TopicSpec<>(
        prefix + "." + TopicRole.DLQ.suffix(),
        TopicRole.DLQ,
        Optional.empty(),
        byte[].class,
        byte[].class);
  }

  /** {@code <prefix>.<pack>.decisions}: {@link PolicyDecision}. */
  public TopicSpec<String, PolicyDecision> decisions(String pack) {
    return perPack(TopicRole.DECISIONS, pack, PolicyDecision.class);
  }

  /** {@code <prefix>.<pack>.approvals}: {@link ApprovalRequest} (requests and escalations). */
  public TopicSpec<String, ApprovalRequest> approvals(String pack) {
    return perPack(TopicRole.APPROVALS, pack, ApprovalRequest.class);
  }

  /** {@code <prefix>.<pack>.audit}: {@link AuditRecord}. */
  public TopicSpec<String, AuditRecord> audit(String pack) {
    return perPack(TopicRole.AUDIT, pack, AuditRecord.class);
  }

  /** {@code <prefix>.<pack>.checkpoints}: {@link Checkpoint}. */
  public TopicSpec<String, Checkpoint> checkpoints(String pack) {
    return perPack(TopicRole.CHECKPOINTS, pack, Checkpoint.class);
  }

  /** The five shared input topics, in docs/architecture.md §3 order. */
  public List<TopicSpec<String, ?>> inputs() {
    return List.of(operations(), approvalResponses(), approvalGrants(), holdReleases(), outcomes());
  }

  /** The four topics of one pack: decisions, approvals, audit, checkpoints. */
  public List<TopicSpec<String, ?>> packTopics(String pack) {
    return List.of(decisions(pack), approvals(pack), audit(pack), checkpoints(pack));
  }

  /**
   * Every topic the pipeline needs for these packs: inputs, each pack's topics, then the
   * dead-letter topic.
   */
  public List<TopicSpec<?, ?>> all(Collection<String> packs) {
    List<TopicSpec<?, ?>> all = new ArrayList<>(inputs());
    packs.stream().distinct().forEach(pack -> all.addAll(packTopics(pack)));
    all.add(dlq());
    return List.copyOf(all);
  }

  /**
   * The topic spec of a topic name in this layout, e.g. to label a record read from an arbitrary
   * topic; empty when the name is not one of this layout's topics.
   */
  public Optional<TopicSpec<?, ?>> find(String topicName) {
    if (topicName == null || !topicName.startsWith(prefix + ".")) {
      return Optional.empty();
    }
    String rest = topicName.substring(prefix.length() + 1);
    for (TopicRole role : TopicRole.values()) {
      if (!role.perPack()) {
        if (rest.equals(role.suffix())) {
          return Optional.of(shared(role));
        }
      } else if (rest.endsWith("." + role.suffix())) {
        String pack = rest.substring(0, rest.length() - role.suffix().length() - 1);
        if (!pack.isEmpty() && LEGAL_PART.matcher(pack).matches()) {
          return Optional.of(perPack(role, pack));
        }
      }
    }
    return Optional.empty();
  }

  private TopicSpec<?, ?> shared(TopicRole role) {
    return switch (role) {
      case OPERATIONS -> operations();
      case APPROVAL_RESPONSES -> approvalResponses();
      case APPROVAL_GRANTS -> approvalGrants();
      case HOLD_RELEASES -> holdReleases();
      case OUTCOMES -> outcomes();
      case DLQ -> dlq();
      default -> throw new IllegalArgumentException(role + " is a per-pack role");
    };
  }

  private TopicSpec<?, ?> perPack(TopicRole role, String pack) {
    return switch (role) {
      case DECISIONS -> decisions(pack);
      case APPROVALS -> approvals(pack);
      case AUDIT -> audit(pack);
      case CHECKPOINTS -> checkpoints(pack);
      default -> throw new IllegalArgumentException(role + " is a shared role");
    };
  }

  private <V> TopicSpec<String, V> shared(TopicRole role, Class<V> valueType) {
    return new TopicSpec<>(
        prefix + "." + role.suffix(), role, Optional.empty(), String.class, valueType);
  }

  private <V> TopicSpec<String, V> perPack(TopicRole role, String pack, Class<V> valueType) {
    String name = requireLegal(pack, "pack name");
    return new TopicSpec<>(
        prefix + "." + name + "." + role.suffix(),
        role,
        Optional.of(name),
        String.class,
        valueType);
  }

  private static String requireLegal(String part, String what) {
    Objects.requireNonNull(part, what);
    if (!LEGAL_PART.matcher(part).matches()) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " '"
              + part
              + "' cannot be part of a Kafka topic name:"
              + " use letters, digits, '_', '-' and single inner dots only");
    }
    return part;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicLayout other && other.prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return prefix.hashCode();
  }

  @Override
  public String toString() {
    return "TopicLayout[" + prefix + "]";
  }
}
