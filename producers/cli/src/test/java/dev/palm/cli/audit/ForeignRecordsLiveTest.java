package dev.palm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.AuditChain;
import dev.palm.audit.ChainHead;
import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.MerkleTree;
import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import dev.palm.client.AuditEntry;
import dev.palm.client.AuditQuery;
import dev.palm.client.AuditReader;
import dev.palm.client.ClientConfig;
import dev.palm.client.Fixture;
import dev.palm.client.RunningPipeline;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.MapleversePack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker of issue 10 against a live pipeline: a plain producer appends a perfect forgery to
 * the audit topic (next sequence, right prev_hash, correct hash) and a checkpoint signed with its
 * own key to the checkpoints topic. The forgery is listed as foreign within the checkpoint interval
 * and left out of the chain; the foreign checkpoint fails verification against the pinned key.
 */
@Tag("integration")
class ForeignRecordsLiveTest {

  private static final String PACK = "mapleverse";

  @TempDir Path stateDir;

  @Test
  void aPerfectForgeryIsListedAsForeignAndAForeignCheckpointIsRefused() throws Exception {
    PlatformPackConfig config = PlatformPackConfig.of(MapleversePack.mapleverse());
    PlatformPack fastCheckpoints =
        config.toBuilder()
            .state(
                config.state().toBuilder()
                    .checkpoint(
                        config.state().checkpoint().toBuilder()
                            .autoCheckpoint(true)
                            .intervalSecs(2)
                            .build())
                    .build())
            .build()
            .toPack();
    try (RunningPipeline pipeline =
        RunningPipeline.start("foreign", stateDir, List.of(fastCheckpoints))) {
      ClientConfig client = pipeline.config();
      String key = pipeline.service().signer().orElseThrow().publicKeyBase64();
      publish(client, "web", "op-1");
      List<AuditRecord> trail = await(client, t -> !t.isEmpty());
      AuditRecord head = trail.get(trail.size() - 1);

      // the perfect forgery
      AuditRecord draft = AuditRecord.newBuilder(head).setOperationId("forged").setHash("").build();
      AuditRecord forged =
          AuditChain.forPack(PACK, IntegrityAlgorithm.SHA256).append(ChainHead.after(head), draft);
      Instant forgedAt = Instant.now();
      Fixture.write(
          client, client.layout().audit(PACK).name(), AuditRecord.class, PACK, forged, forgedAt);

      Run listed = verifyUntil(client, key, run -> run.out().contains("foreign: 1 record"));
      assertThat(listed.exitCode()).as(listed.toString()).isZero();
      assertThat(listed.out())
          .contains("chain: INTACT")
          .contains("(claims sequence " + forged.getSequence() + "): no pipeline seal")
          .contains("checkpoints: VALID");
      assertThat(listed.err()).contains("WARNING: 1 foreign record(s)");
      System.out.printf(
          "forgery written at %s, listed as foreign by a signed checkpoint after %d ms%n",
          forgedAt, Duration.between(forgedAt, Instant.now()).toMillis());

      // the pipeline's own record with that sequence follows and verifies as usual
      publish(client, "web", "op-2");
      Run after =
          verifyUntil(
              client, key, run -> run.exitCode() == 0 && !run.out().contains("unverified tail"));
      assertThat(after.out()).contains("chain: INTACT").contains("foreign: 1 record");
      assertThat(after.out()).doesNotContain("REORDERED");

      // a checkpoint the attacker signed with a key of their own
      CheckpointSigner attacker = CheckpointSigner.ephemeral();
      Checkpoint fake =
          attacker.build(
              PACK,
              "1.0.0",
              1_000_000,
              Instant.now(),
              IntegrityAlgorithm.SHA256,
              new CheckpointRange(
                  forged.getSequence() + 10,
                  forged.getSequence() + 9,
                  forged.getHash(),
                  MerkleTree.root(IntegrityAlgorithm.SHA256, List.of())),
              List.of(),
              Optional.of("x"));
      Fixture.write(
          client,
          client.layout().checkpoints(PACK).name(),
          Checkpoint.class,
          PACK,
          fake,
          Instant.now());
      Run refused = CliRun.palm(client, "audit", "verify", "--pack", PACK, "--trusted-key", key);
      assertThat(refused.exitCode())
          .as(refused.toString())
          .isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
      assertThat(refused.out()).contains("UNTRUSTED_KEY");
    }
  }

  private static void publish(ClientConfig client, String deployment, String operationId) {
    Run published =
        CliRun.palm(
            client,
            "publish",
            "--pack",
            PACK,
            "--operation",
            "restart",
            "--deployment",
            deployment,
            "--actor",
            "ops-bot",
            "--operation-id",
            operationId,
            "--wait",
            "60s");
    assertThat(published.exitCode())
        .as(published.toString())
        .isNotEqualTo(ExitCode.NO_DECISION.code());
  }

  private static List<AuditRecord> await(ClientConfig client, Predicate<List<AuditRecord>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<AuditRecord> trail =
          new AuditReader(client)
              .query(AuditQuery.builder(PACK).build()).stream().map(AuditEntry::record).toList();
      if (done.test(trail) || System.nanoTime() > deadline) {
        return trail;
      }
      Thread.sleep(300);
    }
  }

  private static Run verifyUntil(ClientConfig client, String key, Predicate<Run> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Run run = CliRun.palm(client, "audit", "verify", "--pack", PACK, "--trusted-key", key);
      if (done.test(run) || System.nanoTime() > deadline) {
        return run;
      }
      Thread.sleep(500);
    }
  }
}
