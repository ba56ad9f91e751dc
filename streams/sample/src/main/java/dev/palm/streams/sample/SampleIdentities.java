package dev.palm.streams.sample;

import java.util.List;
import java.util.Objects;

/**
 * Who acts in the sample workload: the agent that requests operations, a human operator who
 * requests one operation and tries to approve it himself, and the humans who answer approvals and
 * release holds (never the requester, as the packs demand).
 *
 * @param agent actor id of the requesting agent (type AGENT)
 * @param operator actor id of a human requester (type HUMAN), used to show that self-approval is
 *     refused
 * @param approvers actor ids of humans who approve, reject, release and cancel, first one first
 */
public record SampleIdentities(String agent, String operator, List<String> approvers) {

  /** The identities of the built-in workload. */
  public static final SampleIdentities DEFAULT =
      new SampleIdentities("sample-agent", "bob", List.of("alice", "carol", "dave"));

  /** Validates and copies. */
  public SampleIdentities {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(operator, "operator");
    approvers = List.copyOf(approvers);
    if (approvers.isEmpty()) {
      throw new IllegalArgumentException(
          "the sample workload needs at least one approver identity");
    }
  }
}
