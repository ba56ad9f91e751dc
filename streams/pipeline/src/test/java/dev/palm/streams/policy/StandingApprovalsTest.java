package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.GrantAction;
import dev.palm.events.PolicyDecision;
import dev.palm.events.StandingApproval;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Standing approvals ({@code human_approval.allow_auto_approval}, issue 9): granted by a human who
 * may approve, scoped, limited in uses and time, each use audited, revocable, never for the
 * grantor's own requests, refused where the pack does not allow them.
 */
class StandingApprovalsTest {

  private PolicyHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** iBank (proofs required) with standing approvals allowed. */
  private static PlatformPack ibankWithStandingApprovals(boolean allowed) {
    var config = IBankPack.presetConfig();
    HumanApprovalConfig approval = config.policy().humanApproval();
    return config.toBuilder()
        .policy(
            config.policy().toBuilder()
                .humanApproval(approval.toBuilder().allowAutoApproval(allowed).build())
                .build())
        .build()
        .toPack();
  }

  private AuditRecord last() {
    List<AuditRecord> audit = h.audit("ibank");
    return audit.get(audit.size() - 1);
  }

  private static String detail(AuditRecord r, String key) {
    return r.getDetails().stream()
        .filter(d -> d.getKey().equals(key))
        .map(AuditDetail::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aGrantApprovesMatchingRequestsUntilItsUsesAreSpent() {
    h = new PolicyHarness(List.of(ibankWithStandingApprovals(true)));
    h.establish("ibank", "dep-1", 2);
    h.grant(h.grantOf("ibank", "sa-1", "bob", List.of("scale"), 2, Duration.ofHours(1)));
    assertThat(last().getEventType()).isEqualTo(AuditEventType.STANDING_APPROVAL_GRANTED);
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_GRANTED);
    assertThat(detail(last(), "input.proof.key_id")).isNotNull();

    PolicyDecision first = h.decide(h.op("ibank", "scale", "dep-1").replicas(3).build());
    assertThat(first.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(first.getReasonCodes()).containsExactly(ReasonCodes.APPROVED_BY_STANDING_APPROVAL);
    assertThat(first.getDecidedBy()).isEqualTo("bob");
    AuditRecord use = h.auditRecord("ibank", first.getAuditSequence());
    assertThat(use.getEventType()).isEqualTo(AuditEventType.STANDING_APPROVAL_USED);
    assertThat(detail(use, "standing_approval.id")).isEqualTo("sa-1");
    assertThat(detail(use, "standing_approval.use")).isEqualTo("1 of 2");

    h.advance(Duration.ofSeconds(61));
    assertThat(h.decide(h.op("ibank", "scale", "dep-1").replicas(4).build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
    h.advance(Duration.ofSeconds(61));
    // used up: the next one waits for a human again
    assertThat(h.decide(h.op("ibank", "scale", "dep-1").replicas(5).build()).getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    // out of scope (another operation) never used it
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void neverForTheGrantorsOwnRequestsNorAfterExpiryNorOutsideItsScope() {
    h = new PolicyHarness(List.of(ibankWithStandingApprovals(true)));
    h.establish("ibank", "dep-1", 2);
    h.grant(h.grantOf("ibank", "sa-1", "alice", List.of("scale"), 5, Duration.ofMinutes(10)));

    // alice's own request: her grant does not approve it
    assertThat(h.decide(h.op("ibank", "scale", "dep-1").replicas(3).build()).getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    // another operation than the grant's
    assertThat(
            h.decide(
                    h.op("ibank", "create_deployment", "dep-2")
                        .actor("carol", dev.palm.events.ActorType.HUMAN)
                        .replicas(1)
                        .build())
                .getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    // carol's scale: approved by alice's grant
    h.advance(Duration.ofSeconds(61));
    assertThat(
            h.decide(
                    h.op("ibank", "scale", "dep-1")
                        .actor("Carol", dev.palm.events.ActorType.HUMAN)
                        .replicas(3)
                        .build())
                .getDecidedBy())
        .isEqualTo("alice");
    // after expiry: not any more
    h.advance(Duration.ofMinutes(11));
    assertThat(
            h.decide(
                    h.op("ibank", "scale", "dep-1")
                        .actor("carol", dev.palm.events.ActorType.HUMAN)
                        .replicas(4)
                        .build())
                .getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
  }

  @Test
  void aRevokedGrantApprovesNothing() {
    h = new PolicyHarness(List.of(ibankWithStandingApprovals(true)));
    h.establish("ibank", "dep-1", 2);
    h.grant(h.grantOf("ibank", "sa-1", "bob", List.of("scale"), 5, Duration.ofHours(1)));
    StandingApproval revoke =
        StandingApproval.newBuilder(
                h.grantOf("ibank", "sa-1", "carol", List.of(), 1, Duration.ofHours(1)))
            .setAction(GrantAction.REVOKE)
            .build();
    h.grant(revoke);
    assertThat(last().getEventType()).isEqualTo(AuditEventType.STANDING_APPROVAL_REVOKED);
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_REVOKED);

    assertThat(h.decide(h.op("ibank", "scale", "dep-1").replicas(3).build()).getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    // revoking it again: nothing in force, refused and audited
    h.grant(StandingApproval.newBuilder(revoke).setProof(null).build());
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_INVALID);
  }

  @Test
  void refusedGrantsAreAuditedAndChangeNothing() {
    h = new PolicyHarness(List.of(ibankWithStandingApprovals(false)));
    h.establish("ibank", "dep-1", 2);
    h.grant(h.grantOf("ibank", "sa-1", "bob", List.of("scale"), 5, Duration.ofHours(1)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_DISABLED);
    assertThat(detail(last(), "refused")).isEqualTo("true");
    assertThat(h.decide(h.op("ibank", "scale", "dep-1").replicas(3).build()).getDecision())
        .isEqualTo(Decision.PENDING_APPROVAL);
    h.close();

    h = new PolicyHarness(List.of(ibankWithStandingApprovals(true)));
    h.grant(h.grantOf("ibank", "sa-2", "bob", List.of("scale-up"), 5, Duration.ofHours(1)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_INVALID);
    h.grant(h.grantOf("ibank", "sa-3", "bob", List.of("scale"), 0, Duration.ofHours(1)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_INVALID);
    h.grant(h.grantOf("ibank", "sa-4", "bob", List.of("scale"), 1, Duration.ofDays(30)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.STANDING_APPROVAL_INVALID);
    h.grant(h.grantOf("ibank", "sa-5", "palm-system", List.of("scale"), 1, Duration.ofHours(1)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.IDENTITY_RESERVED);
    // unsigned in a pack that requires proofs
    h.unsigned();
    h.grant(h.grantOf("ibank", "sa-6", "bob", List.of("scale"), 1, Duration.ofHours(1)));
    assertThat(last().getReasonCodes()).containsExactly(ReasonCodes.PROOF_MISSING);
    try (var all =
        h.<dev.palm.streams.approvals.StandingGrant>store(PolicyStores.STANDING_APPROVALS).all()) {
      assertThat(all.hasNext()).as("no standing approval in force").isFalse();
    }
  }
}
