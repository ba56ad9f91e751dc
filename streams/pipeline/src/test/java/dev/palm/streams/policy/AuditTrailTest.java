package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.VerificationResult;
import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every decision and state change is one record of a gapless, verifiable per-pack chain. */
class AuditTrailTest {

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
  void aMixedWorkloadLeavesAGaplessVerifiedChainPerPack() {
    for (PlatformPack pack : CanonicalPack.all()) {
      String p = pack.metadata().name();
      h.establish(p, "web", 4);
      PolicyDecision scale = h.decide(h.op(p, "scale", "web").replicas(6).build());
      if (scale.getDecision() == dev.palm.events.Decision.PENDING_APPROVAL) {
        h.approve(p, scale.getOperationId(), "alice");
        h.approve(p, scale.getOperationId(), "bob");
      }
      h.decide(h.op(p, "restart", "web").noActor().build());
      PolicyDecision delete = h.decide(h.op(p, "delete_deployment", "web").build());
      h.decide(h.op(p, "delete_deployment", "web").id(delete.getOperationId()).build());
      if (delete.getDecision() == dev.palm.events.Decision.HELD) {
        h.release(p, delete.getOperationId(), "alice", ActorType.HUMAN, HoldAction.RELEASE);
        h.release(p, delete.getOperationId(), "carol", ActorType.HUMAN, HoldAction.RELEASE);
      }
      h.decide(h.op(p, "create_deployment", "api").replicas(2).build());
    }
    h.advance(Duration.ofDays(2));
    h.decide(h.op("ibank", "restart", "nope").build());

    for (PlatformPack pack : CanonicalPack.all()) {
      String p = pack.metadata().name();
      List<AuditRecord> trail = h.audit(p);
      VerificationResult result = h.verifyChain(p);

      assertThat(result.intact()).as(result.message()).isTrue();
      assertThat(trail)
          .extracting(AuditRecord::getSequence)
          .containsExactlyElementsOf(LongStream.range(0, trail.size()).boxed().toList());
      assertThat(trail)
          .allSatisfy(
              r -> {
                assertThat(r.getPack()).isEqualTo(p);
                assertThat(r.getPackVersion()).isEqualTo(pack.metadata().version());
                assertThat(r.getAlgorithm())
                    .isEqualTo(
                        pack.stateConfig()
                            .serialization()
                            .integrityAlgorithm()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT));
              });
      assertThat(trail.get(0).getPrevHash()).matches("0+");
      if (p.equals("mapleverse")) {
        // mapleverse lets the create of "api" through: every rule passed
        assertThat(trail)
            .anySatisfy(
                r -> assertThat(r.getReasonCodes()).containsExactly(ReasonCodes.POLICY_PASSED));
      }

      for (PolicyDecision d : h.decisionsOnly(p)) {
        AuditRecord record = trail.get((int) d.getAuditSequence());
        assertThat(record.getDecision()).isEqualTo(d.getDecision());
        assertThat(record.getOperationId()).isEqualTo(d.getOperationId());
        if (pack.policyConfig().accountability().requirePreAudit()) {
          AuditRecord pre = trail.get(d.getPreAuditSequence().intValue());
          assertThat(pre.getEventType()).isEqualTo(AuditEventType.OPERATION_RECEIVED);
          assertThat(pre.getOperationId()).isEqualTo(d.getOperationId());
        }
      }
    }
  }

  @Test
  void theIndexesListEveryRecordOfAnOperationAndOfADeployment() {
    h.establish("ibank", "web", 3);
    PolicyDecision held = h.decide(h.op("ibank", "delete_deployment", "web").build());
    h.release("ibank", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.RELEASE);
    h.approve("ibank", held.getOperationId(), "carol");

    List<AuditRecord> trail = h.audit("ibank");
    AuditIndex byOperation =
        h.<AuditIndex>store(PolicyStores.OPERATION_AUDIT)
            .get(StoreKeys.of("ibank", held.getOperationId()));
    List<Long> deploymentSequences = new java.util.ArrayList<>();
    try (var entries =
        h.<AuditIndex>store(PolicyStores.DEPLOYMENT_AUDIT)
            .prefixScan(
                StoreKeys.indexPrefix(StoreKeys.of("ibank", "web")),
                new org.apache.kafka.common.serialization.StringSerializer())) {
      entries.forEachRemaining(kv -> deploymentSequences.addAll(kv.value.sequences()));
    }
    AuditIndex byDeployment = new AuditIndex(deploymentSequences);

    assertThat(byOperation.sequences())
        .containsExactlyElementsOf(
            trail.stream()
                .filter(r -> held.getOperationId().equals(r.getOperationId()))
                .map(AuditRecord::getSequence)
                .toList());
    assertThat(
            trail.stream()
                .filter(r -> held.getOperationId().equals(r.getOperationId()))
                .map(AuditRecord::getEventType))
        .containsExactly(
            AuditEventType.OPERATION_RECEIVED,
            AuditEventType.HOLD_PLACED,
            AuditEventType.HOLD_RELEASED,
            AuditEventType.APPROVAL_REQUESTED,
            AuditEventType.APPROVAL_GRANTED,
            AuditEventType.DEPLOYMENT_UPDATED);
    AuditRecord removed = trail.get(trail.size() - 1);
    assertThat(removed.getReasonCodes()).containsExactly(ReasonCodes.DEPLOYMENT_CHANGED);
    assertThat(removed.getMessages().get(0))
        .isEqualTo(
            "deployment 'web' removed by delete_deployment (replicas=3 revision=1 cpu=2000m"
                + " memory=8192MiB storage=10240MiB network=10000kbps -> absent)");
    assertThat(byDeployment.sequences())
        .containsExactlyElementsOf(
            trail.stream()
                .filter(r -> "web".equals(r.getDeploymentId()))
                .map(AuditRecord::getSequence)
                .toList());
    assertThat(trail)
        .allSatisfy(
            r ->
                assertThat(r.getSource() == null || r.getSource().getTopic().startsWith("palm."))
                    .isTrue());
  }

  @Test
  void aTamperedRecordIsCaughtByTheVerifier() {
    h.establish("mapleverse", "web", 3);
    List<AuditRecord> trail = new java.util.ArrayList<>(h.audit("mapleverse"));
    AuditRecord forged = AuditRecord.newBuilder(trail.get(1)).setActorId("mallory").build();
    trail.set(1, forged);

    VerificationResult result = dev.palm.audit.ChainVerifier.verify(trail);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).hasValue(1);
  }
}
