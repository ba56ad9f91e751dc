package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.streams.approvals.OpenApproval;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Step 6 (human approval): requests, answers, authorization, expiry, escalation. */
class ApprovalsTest {

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private PolicyHarness canonical() {
    h = new PolicyHarness(CanonicalPack.all());
    return h;
  }

  private PolicyHarness with(PlatformPack pack) {
    h = new PolicyHarness(List.of(pack));
    return h;
  }

  private static PlatformPack ibankWith(PackExtensions extensions) {
    return IBankPack.presetConfig().toBuilder().extensions(extensions).build().toPack();
  }

  @Test
  void alwaysRequiredOpensAnApprovalRequest() {
    canonical();
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());

    assertThat(pending.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(pending.getApprovalId()).isEqualTo(OpenApproval.idFor(pending.getOperationId()));
    assertThat(pending.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_REQUIRED);
    assertThat(pending.getRuleIds()).containsExactly("human_approval.always_required");
    AuditRecord requested = h.auditRecord("ibank", pending.getAuditSequence());
    assertThat(requested.getEventType()).isEqualTo(AuditEventType.APPROVAL_REQUESTED);
    assertThat(requested.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(h.approvalRequests("ibank"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getKind()).isEqualTo(ApprovalRequestKind.REQUEST);
              assertThat(r.getApprovalId()).isEqualTo(pending.getApprovalId());
              assertThat(r.getRequestedBy()).isEqualTo("alice");
              assertThat(r.getApprovalsRequired()).isEqualTo(1);
              assertThat(r.getExpiresAt()).isEqualTo(h.now().plusSeconds(86_400));
              assertThat(r.getTargetReplicas()).isEqualTo(3);
              assertThat(r.getAuditSequence()).isEqualTo(pending.getAuditSequence());
            });
    assertThat(h.deployment("ibank", "dep-1")).isEmpty();
  }

  @Test
  void theRequesterAndAgentsCannotApproveButAnotherHumanCan() {
    canonical();
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());

    assertThat(h.approve("ibank", pending.getOperationId(), "alice")).isEmpty();
    assertThat(
            h.respond(
                "ibank",
                pending.getOperationId(),
                "copilot",
                ActorType.AGENT,
                ApprovalVerdict.APPROVE))
        .isEmpty();
    List<AuditRecord> trail = h.audit("ibank");
    assertThat(trail.get(trail.size() - 2).getReasonCodes())
        .containsExactly(ReasonCodes.SELF_APPROVAL_FORBIDDEN);
    assertThat(trail.get(trail.size() - 1).getReasonCodes())
        .containsExactly(ReasonCodes.ACTOR_NOT_HUMAN);
    assertThat(trail.subList(trail.size() - 2, trail.size()))
        .allSatisfy(
            r -> {
              assertThat(r.getEventType()).isEqualTo(AuditEventType.APPROVAL_RESPONSE);
              assertThat(r.getDecision()).isNull();
            });

    List<PolicyDecision> approved = h.approve("ibank", pending.getOperationId(), "bob");

    assertThat(approved)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
              assertThat(d.getDecidedBy()).isEqualTo("bob");
              assertThat(d.getApprovalId()).isEqualTo(pending.getApprovalId());
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.APPROVED);
              AuditRecord granted = h.auditRecord("ibank", d.getAuditSequence());
              assertThat(granted.getEventType()).isEqualTo(AuditEventType.APPROVAL_GRANTED);
              assertThat(granted.getActorId()).isEqualTo("bob");
              assertThat(h.auditRecord("ibank", d.getAuditSequence() + 1).getEventType())
                  .isEqualTo(AuditEventType.DEPLOYMENT_UPDATED);
            });
    assertThat(h.deployment("ibank", "dep-1").orElseThrow().replicas()).isEqualTo(3);
    ApprovalRequest resolved = last(h.approvalRequests("ibank"));
    assertThat(resolved.getKind()).isEqualTo(ApprovalRequestKind.RESOLVED);
    assertThat(resolved.getResolution()).isEqualTo(Decision.ALLOWED);
    // A second answer finds nothing pending.
    assertThat(h.approve("ibank", pending.getOperationId(), "carol")).isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.APPROVAL_NOT_PENDING);
  }

  @Test
  void aRejectionDeniesAsTheApproversDecision() {
    canonical();
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());

    List<PolicyDecision> rejected = h.reject("ibank", pending.getOperationId(), "bob");

    assertThat(rejected)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
              assertThat(d.getDecidedBy()).isEqualTo("bob");
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_REJECTED);
              assertThat(h.auditRecord("ibank", d.getAuditSequence()).getEventType())
                  .isEqualTo(AuditEventType.APPROVAL_REJECTED);
            });
    assertThat(last(h.approvalRequests("ibank")).getResolution()).isEqualTo(Decision.DENIED);
    assertThat(h.deployment("ibank", "dep-1")).isEmpty();
  }

  @Test
  void anApprovalExpiresAtExactlyApprovalTimeoutSecsAsTheSystemsDecision() {
    canonical().establishSmall("mapleverse", "dep-1", 10);
    PolicyDecision pending = h.decide(h.op("mapleverse", "scale", "dep-1").replicas(101).build());
    assertThat(pending.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(pending.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_THRESHOLD_EXCEEDED);

    h.advance(Duration.ofSeconds(300).minusMillis(1));
    assertThat(h.decisionsOf("mapleverse", pending.getOperationId())).hasSize(1);

    h.advance(Duration.ofMillis(1));
    List<PolicyDecision> decided = h.decisionsOf("mapleverse", pending.getOperationId());
    assertThat(decided).hasSize(2);
    PolicyDecision expired = decided.get(1);
    assertThat(expired.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(expired.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_EXPIRED);
    assertThat(expired.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
    assertThat(expired.getDecidedAt()).isEqualTo(h.now());
    AuditRecord record = h.auditRecord("mapleverse", expired.getAuditSequence());
    assertThat(record.getEventType()).isEqualTo(AuditEventType.APPROVAL_EXPIRED);
    assertThat(record.getActorId()).isEqualTo(ActorRef.SYSTEM_ID);
    // Mapleverse's level 1 escalation is due at 300 s too, but an expired request is not escalated.
    assertThat(h.approvalRequests("mapleverse"))
        .extracting(ApprovalRequest::getKind)
        .containsExactly(ApprovalRequestKind.REQUEST, ApprovalRequestKind.RESOLVED);
    assertThat(h.deployment("mapleverse", "dep-1").orElseThrow().replicas()).isEqualTo(10);
  }

  @Test
  void anAnswerAfterTheDeadlineFindsTheRequestExpiredEvenBeforeTheTimerRuns() {
    h = new PolicyHarness(CanonicalPack.all(), new PolicyOptions(Duration.ofDays(365)));
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    h.advance(Duration.ofSeconds(86_400));

    List<PolicyDecision> out = h.approve("ibank", pending.getOperationId(), "bob");

    assertThat(out)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_EXPIRED);
              assertThat(d.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
            });
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.APPROVAL_NOT_PENDING);
    assertThat(h.deployment("ibank", "dep-1")).isEmpty();
  }

  @Test
  void thresholdsAreExceededOnlyAboveTheValue() {
    canonical().establishSmall("finalverse", "dep-1", 5);

    assertThat(h.decide(h.op("finalverse", "scale", "dep-1").replicas(10).build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
    PolicyDecision over = h.decide(h.op("finalverse", "scale_up", "dep-1").instances(1).build());
    assertThat(over.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(over.getMessages().get(0)).contains("instance_count 11 exceeds the threshold 10");
    assertThat(
            h.decide(h.op("finalverse", "create_deployment", "dep-2").replicas(5).build())
                .getDecision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(
            h.decide(h.op("finalverse", "create_deployment", "dep-3").replicas(6).build())
                .getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    h.establishSmall("mapleverse", "dep-1", 10);
    assertThat(h.decide(h.op("mapleverse", "scale", "dep-1").replicas(100).build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void escalatesAlongTheLevelsAtTheirTriggerTimes() {
    canonical();
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());

    h.advance(Duration.ofSeconds(60).minusMillis(1));
    assertThat(h.approvalRequests("ibank")).hasSize(1);
    h.advance(Duration.ofMillis(1));
    ApprovalRequest first = last(h.approvalRequests("ibank"));
    assertThat(first.getKind()).isEqualTo(ApprovalRequestKind.ESCALATION);
    assertThat(first.getEscalationLevel()).isEqualTo(1);
    assertThat(first.getEscalationName()).isEqualTo("L1");
    assertThat(first.getRecipients()).containsExactly("operations");
    AuditRecord escalated = h.auditRecord("ibank", first.getAuditSequence());
    assertThat(escalated.getEventType()).isEqualTo(AuditEventType.APPROVAL_ESCALATED);
    assertThat(escalated.getActorId()).isEqualTo(ActorRef.SYSTEM_ID);
    assertThat(escalated.getApprovalId()).isEqualTo(pending.getApprovalId());

    h.advance(Duration.ofSeconds(1000));
    List<ApprovalRequest> all = h.approvalRequests("ibank");
    assertThat(all).extracting(ApprovalRequest::getEscalationLevel).containsExactly(0, 1, 2, 3);
    assertThat(all.get(2).getRecipients()).containsExactly("oncall", "compliance");
    assertThat(all.get(3).getRecipients()).containsExactly("senior_management");
    h.advance(Duration.ofSeconds(1000));
    assertThat(h.approvalRequests("ibank")).hasSize(4);
    assertThat(h.decisionsOf("ibank", pending.getOperationId())).hasSize(1);
  }

  @Test
  void listedApproversAndSeveralApprovals() {
    with(
        ibankWith(
            PackExtensions.builder()
                .approvers(List.of("carol", "dave", "erin"))
                .approvalsRequired(2)
                .build()));
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    assertThat(last(h.approvalRequests("ibank")).getRecipients())
        .containsExactly("carol", "dave", "erin");

    assertThat(h.approve("ibank", pending.getOperationId(), "bob")).isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.APPROVER_NOT_AUTHORIZED);
    assertThat(h.approve("ibank", pending.getOperationId(), "carol")).isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.APPROVAL_RECORDED);
    assertThat(h.approve("ibank", pending.getOperationId(), "carol")).isEmpty();
    assertThat(last(h.audit("ibank")).getReasonCodes())
        .containsExactly(ReasonCodes.DUPLICATE_APPROVAL);

    List<PolicyDecision> approved = h.approve("ibank", pending.getOperationId(), "dave");

    assertThat(approved)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.ALLOWED);
              assertThat(d.getDecidedBy()).isEqualTo("dave");
              assertThat(d.getMessages())
                  .containsExactly("approved by carol, dave: checked by dave");
            });
  }

  @Test
  void recipientsOfAReachedEscalationLevelMayApprove() {
    with(ibankWith(PackExtensions.builder().approvers(List.of("carol")).build()));
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    assertThat(h.approve("ibank", pending.getOperationId(), "operations")).isEmpty();

    h.advance(Duration.ofSeconds(60));

    assertThat(h.approve("ibank", pending.getOperationId(), "operations"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void selfApprovalWhenThePackAllowsIt() {
    with(ibankWith(PackExtensions.builder().allowSelfApproval(true).build()));
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());

    assertThat(h.approve("ibank", pending.getOperationId(), "alice"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void limitsAreCheckedAgainWhenTheApprovalArrives() {
    canonical();
    PolicyDecision first =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    PolicyDecision second =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(4).build());
    h.approve("ibank", first.getOperationId(), "bob");

    List<PolicyDecision> out = h.approve("ibank", second.getOperationId(), "bob");

    assertThat(out)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
              assertThat(d.getReasonCodes()).containsExactly(ReasonCodes.DEPLOYMENT_EXISTS);
              assertThat(d.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
              assertThat(h.auditRecord("ibank", d.getAuditSequence() - 1).getEventType())
                  .isEqualTo(AuditEventType.APPROVAL_GRANTED);
              assertThat(h.auditRecord("ibank", d.getAuditSequence() - 1).getDecision()).isNull();
            });
    assertThat(h.deployment("ibank", "dep-1").orElseThrow().replicas()).isEqualTo(3);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
