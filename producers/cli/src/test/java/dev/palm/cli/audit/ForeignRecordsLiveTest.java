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
import dev.palm.client.AuditExport;
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
import java.nio.file.Files;
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

      // an export carries the checkpoints: it verifies offline, without the forged record, and a
      // cut or edited copy fails
      Path export = stateDir.resolve("mapleverse.jsonl");
      Run exported =
          CliRun.palm(client, "audit", "export", "--pack", PACK, "--output", export.toString());
      assertThat(exported.exitCode()).as(exported.toString()).isZero();
      List<String> lines = Files.readAllLines(export);
      assertThat(lines).anyMatch(l -> l.contains("\"_avro\""));
      assertThat(lines).noneMatch(l -> l.contains("\"forged\""));
      Run offline =
          CliRun.palm("audit", "verify", "--file", export.toString(), "--trusted-key", key);
      assertThat(offline.exitCode()).as(offline.toString()).isZero();
      assertThat(offline.out()).contains("checkpoints: VALID").contains("chain: INTACT");

      int lastRecord = lastIndex(lines, l -> !l.contains("\"_avro\""));
      int firstRecord =
          lines.indexOf(
              lines.stream().filter(l -> !l.contains("\"_avro\"")).findFirst().orElseThrow());
      assertFails(stateDir, key, without(lines, lastRecord), "tail-cut", "RANGE_MISMATCH");
      assertFails(stateDir, key, without(lines, firstRecord), "head-cut", "RANGE_MISMATCH");
      List<String> duplicated = new java.util.ArrayList<>(lines);
      duplicated.add(lastRecord, lines.get(lastRecord));
      assertFails(stateDir, key, duplicated, "duplicated", "REORDERED");
      // a perfect forgery appended to the file: chained and hashed right, but signed by nothing
      AuditRecord last = AuditExport.parse(lines.get(lastRecord));
      AuditRecord next =
          AuditChain.forPack(PACK, IntegrityAlgorithm.SHA256)
              .append(
                  ChainHead.after(last),
                  AuditRecord.newBuilder(last)
                      .setOperationId("forged-in-file")
                      .setHash("")
                      .build());
      List<String> appended = new java.util.ArrayList<>(lines);
      appended.add(
          AuditExport.line(
              new AuditEntry(
                  next, client.layout().audit(PACK).name(), 0, 1_000_000, Instant.now())));
      assertFails(stateDir, key, appended, "appended", "not covered by its checkpoints");

      // an inclusion proof of one record, checked offline with only the public key
      Path proof = stateDir.resolve("proof.json");
      Run proved =
          CliRun.palm(
              client, "audit", "prove", "--pack", PACK, "--sequence", "1", "-o", proof.toString());
      assertThat(proved.exitCode()).as(proved.toString()).isZero();
      Run holds =
          CliRun.palm("audit", "verify-proof", "--file", proof.toString(), "--trusted-key", key);
      assertThat(holds.exitCode()).as(holds.toString()).isZero();
      assertThat(holds.out()).contains("proof: VALID - record 1 of pack 'mapleverse'");
      String text = Files.readString(proof);
      Path edited = stateDir.resolve("edited-proof.json");
      Files.writeString(edited, text.replace("\"ops-bot\"", "\"someone-else\""));
      assertThat(
              CliRun.palm(
                      "audit", "verify-proof", "--file", edited.toString(), "--trusted-key", key)
                  .exitCode())
          .isEqualTo(ExitCode.TAMPERED.code());
      Run otherKey =
          CliRun.palm(
              "audit",
              "verify-proof",
              "--file",
              proof.toString(),
              "--trusted-key",
              SigningKeysOf.stranger());
      assertThat(otherKey.exitCode()).isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
      Run noTail = CliRun.palm(client, "audit", "prove", "--pack", PACK, "--sequence", "99999");
      assertThat(noTail.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
      assertThat(noTail.err()).contains("no signed checkpoint read covers record 99999");

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

  /** A public key that did not sign anything here. */
  private static final class SigningKeysOf {
    static String stranger() {
      return CheckpointSigner.ephemeral().publicKeyBase64();
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

  private static int lastIndex(List<String> lines, Predicate<String> test) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (test.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such line");
  }

  private static List<String> without(List<String> lines, int index) {
    List<String> copy = new java.util.ArrayList<>(lines);
    copy.remove(index);
    return copy;
  }

  private static void assertFails(Path dir, String key, List<String> lines, String name, String why)
      throws java.io.IOException {
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, lines);
    Run run = CliRun.palm("audit", "verify", "--file", file.toString(), "--trusted-key", key);
    assertThat(run.exitCode()).as(name + ": " + run).isNotZero();
    assertThat(run.out() + run.err()).as(name).contains(why);
  }
}
