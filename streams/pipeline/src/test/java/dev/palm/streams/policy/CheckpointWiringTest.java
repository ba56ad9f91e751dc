package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainHead;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.CheckpointVerifier;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.operations.ActorRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The optional parts of the topology: signed checkpoints over the audit chain, and startup events.
 */
class CheckpointWiringTest {

  private PolicyHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void checkpointsCoverTheChainAndSummarizeThePolicyState() {
    h =
        new PolicyHarness(
            CanonicalPack.all(),
            new PolicyOptions(Duration.ofMillis(1)).withCheckpoints(CheckpointSigner.ephemeral()));
    h.decide(h.op("mapleverse", "create_deployment", "web").replicas(4).build());
    h.decide(h.op("mapleverse", "restart", "web").build());
    List<AuditRecord> trail = h.audit("mapleverse");

    h.advance(Duration.ofSeconds(60));

    List<Checkpoint> checkpoints = h.checkpoints("mapleverse");
    assertThat(checkpoints)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getFirstSequence()).isZero();
              assertThat(c.getLastSequence()).isEqualTo(trail.size() - 1);
              assertThat(c.getHeadHash()).isEqualTo(trail.get(trail.size() - 1).getHash());
              assertThat(c.getStateSummary())
                  .contains(
                      new AuditDetail("deployments", "1"),
                      new AuditDetail("instances", "4"),
                      new AuditDetail("pending_approvals", "0"));
              assertThat(CheckpointVerifier.verifyRange(c, trail).valid()).isTrue();
            });
    assertThat(h.checkpoints("ibank")).isEmpty();
  }

  @Test
  void aPerfectForgeryAppendedToTheAuditTopicIsListedAsForeignWithinOneInterval() {
    CheckpointSigner signer = CheckpointSigner.ephemeral();
    h =
        new PolicyHarness(
            CanonicalPack.all(), new PolicyOptions(Duration.ofMillis(1)).withCheckpoints(signer));
    h.decide(h.op("mapleverse", "create_deployment", "web").replicas(4).build());
    List<AuditRecord> trail = h.audit("mapleverse");
    h.advance(Duration.ofSeconds(60));
    Checkpoint first = h.checkpoints("mapleverse").get(0);
    assertThat(first.getFirstOffset()).isZero();
    assertThat(first.getEndOffset()).isEqualTo(trail.size());

    // the next sequence, the right prev_hash, a correctly computed hash: a perfect forgery
    AuditRecord head = trail.get(trail.size() - 1);
    AuditRecord draft = AuditRecord.newBuilder(head).setOperationId("forged").setHash("").build();
    AuditRecord forged =
        AuditChain.forPack("mapleverse", IntegrityAlgorithm.SHA256)
            .append(ChainHead.after(head), draft);
    h.appendToAuditTopic("mapleverse", forged);
    assertThat(h.deadLetters())
        .anySatisfy(
            d ->
                assertThat(new String(d.headers().lastHeader("palm.dlq.reason").value()))
                    .contains("foreign record in the audit topic of pack 'mapleverse'"));

    // within one interval the pack's chain records the intrusion, and a checkpoint lists the
    // forged offset as foreign
    h.advance(Duration.ofSeconds(300));
    List<AuditRecord> withEvent = h.audit("mapleverse");
    assertThat(withEvent).hasSize(trail.size() + 1);
    AuditRecord event = withEvent.get(trail.size());
    assertThat(event.getEventType()).isEqualTo(AuditEventType.FOREIGN_RECORD);
    assertThat(event.getDetails())
        .contains(new AuditDetail("offset", Integer.toString(trail.size())));
    // (the event record and the checkpoint are made by two timers: either may come first)
    h.advance(Duration.ofSeconds(300));
    List<Checkpoint> next = h.checkpoints("mapleverse");
    assertThat(next).extracting(Checkpoint::getCheckpointId).startsWith(1L).isSorted();
    assertThat(next)
        .filteredOn(c -> !c.getForeignRecords().isEmpty())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.getForeignRecords())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.getOffset()).isEqualTo(trail.size());
                          assertThat(f.getReason()).contains("no pipeline seal");
                        }));
    Checkpoint covering =
        next.stream().filter(c -> c.getLastSequence() == trail.size()).findFirst().orElseThrow();
    assertThat(CheckpointVerifier.verifyRange(covering, List.of(event)).valid()).isTrue();
    // found again (a replay of the watcher's input) it is not recorded twice
    h.advance(Duration.ofSeconds(300));
    assertThat(h.audit("mapleverse")).hasSize(trail.size() + 1);

    // the genuine chain continues and is covered by the next checkpoints
    h.decide(h.op("mapleverse", "restart", "web").build());
    List<AuditRecord> after = h.audit("mapleverse");
    h.advance(Duration.ofSeconds(300));
    List<Checkpoint> later = h.checkpoints("mapleverse");
    Checkpoint last = later.get(later.size() - 1);
    assertThat(last.getLastSequence()).isEqualTo(after.size() - 1);
    assertThat(last.getForeignRecords()).isEmpty();
    assertThat(
            CheckpointVerifier.verifyRange(
                    last, after.subList((int) last.getFirstSequence(), after.size()))
                .valid())
        .isTrue();
  }

  @Test
  void startupEventsAreRecordedOnceAsTheSystemsActs() {
    SystemEvent repaired =
        new SystemEvent(
            "ibank",
            AuditEventType.TOPIC_REPAIRED,
            "TOPIC_REPAIRED",
            "palm.ibank.audit retention.ms raised to the pack's 2555 days",
            Map.of("topic", "palm.ibank.audit", "setting", "retention.ms"));
    h =
        new PolicyHarness(
            CanonicalPack.all(),
            new PolicyOptions(Duration.ofMillis(1)).withStartupEvents(List.of(repaired)));

    h.advance(Duration.ofMillis(5));
    h.advance(Duration.ofMillis(5));

    assertThat(h.audit("ibank"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getSequence()).isZero();
              assertThat(r.getEventType()).isEqualTo(AuditEventType.TOPIC_REPAIRED);
              assertThat(r.getActorId()).isEqualTo(ActorRef.SYSTEM_ID);
              assertThat(r.getDetails()).contains(new AuditDetail("topic", "palm.ibank.audit"));
            });
    assertThat(h.audit("mapleverse")).isEmpty();
    // Policy records continue the same chain.
    h.decide(h.op("ibank", "restart", "nope").build());
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }
}
