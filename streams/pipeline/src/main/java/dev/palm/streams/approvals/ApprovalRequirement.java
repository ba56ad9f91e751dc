package dev.palm.streams.approvals;

import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.ThresholdApproval;
import dev.palm.streams.deployments.RuleMatcher;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 6 of the policy (docs/architecture.md §4): whether an operation needs a human, by {@code
 * always_required} or a matching {@code threshold_required} rule. A threshold is exceeded when the
 * measured value is strictly greater than {@code threshold_value}.
 */
public final class ApprovalRequirement {

  /** The threshold type measured from the operation's effect on replicas. */
  public static final String INSTANCE_COUNT = "instance_count";

  private ApprovalRequirement() {}

  /** Why {@code op} needs approval; empty when it does not. */
  public static List<Finding> check(
      HumanApprovalConfig config, RequestedOperation op, Transition transition) {
    List<Finding> findings = new ArrayList<>();
    config.alwaysRequired().stream()
        .filter(name -> RuleMatcher.matches(name, op, transition))
        .findFirst()
        .ifPresent(
            name ->
                findings.add(
                    new Finding(
                        "human_approval.always_required",
                        ReasonCodes.APPROVAL_REQUIRED,
                        op.operation()
                            + " needs human approval: '"
                            + name
                            + "' is in human_approval.always_required")));
    for (ThresholdApproval rule : config.thresholdRequired()) {
      if (!RuleMatcher.matches(rule.operation(), op, transition)) {
        continue;
      }
      Optional<Double> measured = measure(rule.thresholdType(), op, transition);
      if (measured.isEmpty()) {
        findings.add(
            new Finding(
                "human_approval.threshold_required",
                ReasonCodes.APPROVAL_THRESHOLD_EXCEEDED,
                op.operation()
                    + " needs human approval: the rule on '"
                    + rule.operation()
                    + "' measures "
                    + rule.thresholdType()
                    + ", which the operation does not state (parameter '"
                    + rule.thresholdType()
                    + "'), so it cannot be shown to be within "
                    + rule.thresholdValue()));
      } else if (measured.get() > rule.thresholdValue()) {
        findings.add(
            new Finding(
                "human_approval.threshold_required",
                ReasonCodes.APPROVAL_THRESHOLD_EXCEEDED,
                op.operation()
                    + " needs human approval: "
                    + rule.thresholdType()
                    + " "
                    + format(measured.get())
                    + " exceeds the threshold "
                    + rule.thresholdValue()
                    + " for '"
                    + rule.operation()
                    + "'"));
      }
    }
    return List.copyOf(findings);
  }

  private static Optional<Double> measure(
      String type, RequestedOperation op, Transition transition) {
    if (INSTANCE_COUNT.equals(type)) {
      if (transition.type().isPresent()) {
        return Optional.of((double) transition.instanceCount());
      }
      return Optional.of((double) op.targetReplicas().or(op::instanceCount).orElse(0));
    }
    String raw = op.parameters().get(type);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(raw.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
