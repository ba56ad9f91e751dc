package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.streams.approvals.ApprovalRequirement;
import dev.palm.streams.deployments.DeploymentTransitions;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.deployments.TransitionResult;
import dev.palm.streams.limits.LimitsCheck;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Steps 5 to 7 of docs/architecture.md §4, where a new request continues after its holds and a
 * released hold resumes: the deployment precondition, the limits (charging the rate window), human
 * approval, and the allowed operation's effect.
 */
final class AdmissionFlow {

  private final DecisionWriter writer;
  private final ApprovalFlow approvals;
  private final StandingApprovalFlow standing;

  AdmissionFlow(DecisionWriter writer, ApprovalFlow approvals, StandingApprovalFlow standing) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.standing = Objects.requireNonNull(standing, "standing");
  }

  /**
   * Evaluates the case from the limits on.
   *
   * @param rateTime the time to charge the rate window at; empty to check without charging
   * @param cause who caused this evaluation (the requester, a releaser, the pipeline)
   */
  void fromLimits(Step s, Case c, Optional<Long> rateTime, ActorRef cause) {
    RequestedOperation op = c.op();
    TransitionResult result =
        DeploymentTransitions.compute(s.contract(), op, s.deployment(op.deploymentId()), s.now());
    if (result instanceof TransitionResult.Rejected rejected) {
      writer.deny(s, c, cause, List.of(rejected.finding()));
      return;
    }
    Transition effect = result.transition();
    RateLog window = s.rateLog();
    Optional<Long> rateNow = rateTime.map(window::clock);
    List<Finding> breaches = LimitsCheck.check(s.contract(), effect, s.totals(), window, rateNow);
    if (!breaches.isEmpty()) {
      writer.deny(s, c, cause, breaches);
      return;
    }
    rateNow.ifPresent(
        now -> window.admit(now, s.contract().policyConfig().limits().rateLimitPerMinute()));
    List<Finding> approval =
        ApprovalRequirement.check(s.contract().policyConfig().humanApproval(), op, effect);
    if (!approval.isEmpty()) {
      if (!standing.tryApprove(s, c, effect, approval)) {
        approvals.open(s, c, approval, cause);
      }
      return;
    }
    writer.allow(
        s,
        c,
        effect,
        AuditEventType.DECISION,
        cause,
        ActorRef.SYSTEM_ID,
        Grounds.reason(ReasonCodes.POLICY_PASSED, Messages.policyPassed(s.pack())));
  }
}
