package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.deployments.PackTotals;
import dev.palm.streams.holds.Hold;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Duplicates of an operation id get the same decision and have no second effect. */
class IdempotencyTest {

  private PolicyHarness h;

  @BeforeEach
  void start() {
    h = new PolicyHarness(CanonicalPack.all());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aDuplicateIsAnsweredWithTheSameDecisionAndNoSecondEffect() {
    OperationRequested create =
        h.op("mapleverse", "create_deployment", "dep-1").replicas(4).build();
    PolicyDecision first = h.decide(create);
    List<AuditRecord> trail = h.audit("mapleverse");
    PackTotals totals = h.<PackTotals>store(PolicyStores.PACK_TOTALS).get("mapleverse");
    h.advance(Duration.ofSeconds(5));

    PolicyDecision again = h.decide(create);

    assertThat(again).isEqualTo(first);
    assertThat(h.audit("mapleverse")).isEqualTo(trail);
    assertThat(h.<PackTotals>store(PolicyStores.PACK_TOTALS).get("mapleverse")).isEqualTo(totals);
    assertThat(totals.deployments()).isEqualTo(1);
    assertThat(totals.instances()).isEqualTo(4);
  }

  @Test
  void aDuplicateGetsTheLatestDecisionOfItsOperation() {
    OperationRequested create = h.op("ibank", "create_deployment", "dep-1").replicas(3).build();
    PolicyDecision pending = h.decide(create);
    assertThat(h.decide(create)).isEqualTo(pending);

    PolicyDecision allowed = h.approve("ibank", create.getOperationId(), "bob").get(0);
    int auditSize = h.audit("ibank").size();

    assertThat(h.decide(create)).isEqualTo(allowed);
    assertThat(h.audit("ibank")).hasSize(auditSize);
    assertThat(h.approvalRequests("ibank")).hasSize(2);
  }

  @Test
  void aDuplicateOfAHeldOperationPlacesNoSecondHold() {
    h.establish("ibank", "dep-1", 3);
    OperationRequested rollback = h.op("ibank", "rollback", "dep-1").build();
    PolicyDecision held = h.decide(rollback);

    assertThat(h.decide(rollback)).isEqualTo(held);
    try (var all = h.<Hold>store(PolicyStores.HOLDS).all()) {
      assertThat(all).toIterable().hasSize(1);
    }
  }

  @Test
  void reusingAnOperationIdForADifferentRequestIsAuditedAndChangesNothing() {
    PolicyDecision first =
        h.decide(h.op("mapleverse", "create_deployment", "dep-1").id("op-x").replicas(4).build());

    PolicyDecision reused =
        h.decide(h.op("mapleverse", "delete_deployment", "dep-1").id("op-x").build());

    assertThat(reused).isEqualTo(first);
    AuditRecord record = h.audit("mapleverse").get(h.audit("mapleverse").size() - 1);
    assertThat(record.getEventType()).isEqualTo(AuditEventType.OPERATION_RECEIVED);
    assertThat(record.getReasonCodes()).containsExactly(ReasonCodes.IDEMPOTENCY_KEY_REUSED);
    assertThat(record.getDecision()).isEqualTo(Decision.ALLOWED);
    assertThat(record.getOperation()).isEqualTo("delete_deployment");
    assertThat(h.deployment("mapleverse", "dep-1")).isPresent();
  }

  @Test
  void duplicatesDoNotUseUpTheRateLimit() {
    h.establishSmall("ibank", "dep-1", 3);
    OperationRequested restart = h.op("ibank", "restart", "dep-1").build();
    h.decide(restart);
    for (int i = 0; i < 20; i++) {
      h.decide(restart);
    }

    for (int i = 0; i < 9; i++) {
      assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getDecision())
          .isEqualTo(Decision.ALLOWED);
    }
    assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getReasonCodes())
        .containsExactly(ReasonCodes.RATE_LIMIT_EXCEEDED);
  }
}
