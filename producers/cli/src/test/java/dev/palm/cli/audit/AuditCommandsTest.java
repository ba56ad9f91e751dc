package dev.palm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.audit.AuditChain;
import dev.palm.audit.CheckpointRange;
import dev.palm.audit.CheckpointSigner;
import dev.palm.audit.MerkleTree;
import dev.palm.audit.SigningKeys;
import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import dev.palm.client.ClientConfig;
import dev.palm.client.Fixture;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palm audit query|verify|export} run in-process against audit topics on the shared broker,
 * written here with plain producers: intact chains, a forged record, a deleted middle range, a
 * replaced record, swapped records, garbage bytes and a forged checkpoint.
 */
@Tag("integration")
class AuditCommandsTest {

  private static final String PACK = "ibank";
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClientConfig intact;
  private static Instant t0;
  private static List<AuditRecord> chain;

  @BeforeAll
  static void writeAnIntactChain() {
    intact = Fixture.config("audit-cli");
    Fixture.createTopics(intact, PACK);
    t0 = Fixture.base();
    chain = Fixture.chain(PACK, 30, t0, STEP);
    Fixture.writeAudit(intact, PACK, chain);
  }

  @Test
  void queryPrintsATableOfTheRangeWithFilters() {
    Run run =
        CliRun.palm(
            intact,
            "audit",
            "query",
            "--pack",
            PACK,
            "--from",
            at(10),
            "--to",
            at(20),
            "--skew",
            "0s",
            "--type",
            "DECISION",
            "--actor",
            "palm-system");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("SEQ").contains("RECORDED_AT").contains("EVENT");
    assertThat(lines.subList(1, lines.size()))
        .extracting(l -> l.split("\\s+")[0])
        .containsExactly("11", "13", "15", "17", "19");
    assertThat(run.err()).isEmpty();

    Run byOperation =
        CliRun.palm(
            intact,
            "audit",
            "query",
            "--pack",
            PACK,
            "--operation",
            "op-3",
            "--deployment",
            "dep-0");
    assertThat(byOperation.out().lines().skip(1)).hasSize(1).allMatch(l -> l.startsWith("6 "));

    Run severalTypes =
        CliRun.palm(
            intact,
            "audit",
            "query",
            "--pack",
            PACK,
            "--to",
            at(4),
            "--type",
            "DECISION,OPERATION_RECEIVED");
    assertThat(severalTypes.out().lines().skip(1)).hasSize(4);
  }

  @Test
  void queryWritesJsonLinesAndCsvWithEveryField(@TempDir Path dir) throws Exception {
    Run jsonl =
        CliRun.palm(
            intact, "audit", "query", "--pack", PACK, "--operation", "op-2", "--format", "jsonl");
    assertThat(jsonl.out().lines()).hasSize(2);
    JsonNode first = JSON.readTree(jsonl.out().lines().findFirst().orElseThrow());
    assertThat(first.get("sequence").asLong()).isEqualTo(4);
    assertThat(first.get("hash").asText()).isEqualTo(chain.get(4).getHash());
    assertThat(first.get("prev_hash").asText()).isEqualTo(chain.get(3).getHash());

    Path csv = dir.resolve("out.csv");
    Run toFile =
        CliRun.palm(
            intact,
            "audit",
            "query",
            "--pack",
            PACK,
            "--to",
            at(3),
            "--format",
            "csv",
            "--output",
            csv.toString());
    assertThat(toFile.exitCode()).as(toFile.toString()).isZero();
    assertThat(toFile.out()).contains("wrote 3 records to " + csv);
    List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(rows.get(0))
        .startsWith("pack,pack_version,sequence,prev_hash,hash,algorithm,recorded_at");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1))
        .startsWith("ibank,1.0.0,0," + "0".repeat(64) + "," + chain.get(0).getHash() + ",sha256,")
        .contains("\"record 0, with a comma and \"\"quotes\"\"\"")
        .contains("env=prod;replicas=0");
  }

  @Test
  void emptyRangesAndUnknownPacks() {
    Run empty =
        CliRun.palm(
            intact, "audit", "query", "--pack", PACK, "--from", "2020-01-01", "--to", "2020-01-02");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).contains("no audit records of pack ibank match");

    Run emptyVerify =
        CliRun.palm(
            intact,
            "audit",
            "verify",
            "--pack",
            PACK,
            "--from",
            Instant.now().plus(Duration.ofDays(2)).toString());
    assertThat(emptyVerify.exitCode()).isZero();
    assertThat(emptyVerify.out()).contains("chain: INTACT - no audit records to verify");

    Run unknown = CliRun.palm(intact, "audit", "verify", "--pack", "ibnak");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(unknown.err()).contains("Unknown pack 'ibnak'").contains("known packs: ibank");

    Run badType = CliRun.palm(intact, "audit", "query", "--pack", PACK, "--type", "EVERYTHING");
    assertThat(badType.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badType.err()).contains("EVERYTHING").contains("HOLD_PLACED");

    Run reversed =
        CliRun.palm(
            intact, "audit", "query", "--pack", PACK, "--from", "2026-02-01", "--to", "2026-01-01");
    assertThat(reversed.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(reversed.err()).contains("is before its start");

    Run neither = CliRun.palm(intact, "audit", "verify");
    assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(neither.err()).contains("--pack=PACK | --file=EXPORT.jsonl");
  }

  @Test
  void anIntactChainVerifiesWithExitCodeZero() {
    Run whole = CliRun.palm(intact, "audit", "verify", "--pack", PACK);
    assertThat(whole.exitCode()).as(whole.toString()).isZero();
    assertThat(whole.out())
        .contains("chain: INTACT - pack ibank: 30 records, sequences 0..29 intact");

    Run range =
        CliRun.palm(
            intact, "audit", "verify", "--pack", PACK, "--from", at(12), "--to", at(15), "--skew",
            "0s");
    assertThat(range.exitCode()).isZero();
    assertThat(range.out())
        .contains("sequences 12..15")
        .contains("note: the range starts mid-chain at sequence 12");
  }

  @Test
  void aForgedRecordIsNamedByItsSequenceAndExitsWithTheTamperedCode() {
    ClientConfig config = Fixture.config("audit-tampered");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = Fixture.chain(PACK, 12, t0, STEP);
    Fixture.writeAudit(config, PACK, records.subList(0, 7));
    // a forger with write access appends a copy of record 7 that approves what was denied
    AuditRecord forged =
        AuditRecord.newBuilder(records.get(7))
            .setActorId("mallory")
            .setReasonCodes(List.of("APPROVED_BY_MALLORY"))
            .build();
    Fixture.writeAudit(config, PACK, List.of(forged));
    Fixture.writeAudit(config, PACK, records.subList(8, 12));

    Run run = CliRun.palm(config, "audit", "verify", "--pack", PACK);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.TAMPERED.code());
    assertThat(run.out())
        .contains("chain: TAMPERED")
        .contains("record 7 was modified")
        .contains("first bad sequence: 7");
    assertThat(run.err()).contains("TAMPERED at sequence 7 (exit code 10)");

    Run query = CliRun.palm(config, "audit", "query", "--pack", PACK, "--actor", "mallory");
    assertThat(query.exitCode()).isZero();
    assertThat(query.err())
        .contains("WARNING: the audit chain of pack ibank is not intact (TAMPERED)");
  }

  @Test
  void aDeletedMiddleRangeIsAGap() {
    ClientConfig config = Fixture.config("audit-gap");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = new ArrayList<>(Fixture.chain(PACK, 15, t0, STEP));
    records.subList(5, 9).clear();
    Fixture.writeAudit(config, PACK, records);

    Run run = CliRun.palm(config, "audit", "verify", "--pack", PACK);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.GAP.code());
    assertThat(run.out()).contains("records 5..8 are missing").contains("first bad sequence: 5");
  }

  @Test
  void aReplacedRecordWithARecomputedHashIsABrokenLink() {
    ClientConfig config = Fixture.config("audit-link");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = new ArrayList<>(Fixture.chain(PACK, 8, t0, STEP));
    // the forger knows the format and recomputes record 3's own hash; record 4 still links to the
    // original
    AuditRecord replaced = AuditRecord.newBuilder(records.get(3)).setDeploymentId("other").build();
    replaced.setHash(AuditChain.computeHash(replaced));
    records.set(3, replaced);
    Fixture.writeAudit(config, PACK, records);

    Run run = CliRun.palm(config, "audit", "verify", "--pack", PACK);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BROKEN_LINK.code());
    assertThat(run.out()).contains("first bad sequence: 4");
  }

  @Test
  void swappedRecordsAreReordered() {
    ClientConfig config = Fixture.config("audit-order");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = new ArrayList<>(Fixture.chain(PACK, 8, t0, STEP));
    records.set(4, records.get(5));
    records.set(5, Fixture.chain(PACK, 8, t0, STEP).get(4));
    Fixture.writeAudit(config, PACK, records);

    Run run = CliRun.palm(config, "audit", "verify", "--pack", PACK);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REORDERED.code());
    assertThat(run.out()).contains("first bad sequence: 4");
  }

  @Test
  void anUndecodableRecordIsUnreadable() {
    ClientConfig config = Fixture.config("audit-unreadable");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = Fixture.chain(PACK, 6, t0, STEP);
    Fixture.writeAudit(config, PACK, records.subList(0, 2));
    Fixture.writeRaw(
        config,
        config.layout().audit(PACK).name(),
        PACK,
        new byte[] {0, 0, 0, 0, 99, 1, 2},
        t0.plus(STEP.multipliedBy(2)));
    Fixture.writeAudit(config, PACK, records.subList(3, 6));

    Run run = CliRun.palm(config, "audit", "verify", "--pack", PACK);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREADABLE.code());
    assertThat(run.out())
        .contains("record 2 (at " + config.layout().audit(PACK).name() + "-0@2) cannot be decoded")
        .contains("first bad sequence: 2");
  }

  @Test
  void checkpointsAreVerifiedAndAForgedSignatureGivesItsOwnCode(@TempDir Path dir) {
    ClientConfig config = Fixture.config("audit-cp");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = Fixture.chain(PACK, 10, t0, STEP);
    Fixture.writeAudit(config, PACK, records);
    CheckpointSigner signer = CheckpointSigner.ephemeral();
    Checkpoint good =
        signer.build(
            PACK,
            "1.0.0",
            0,
            records.get(9).getRecordedAt(),
            IntegrityAlgorithm.SHA256,
            new CheckpointRange(
                0,
                9,
                records.get(9).getHash(),
                MerkleTree.root(
                    IntegrityAlgorithm.SHA256,
                    records.stream().map(AuditRecord::getHash).toList())),
            List.of(),
            Optional.empty());
    String topic = config.layout().checkpoints(PACK).name();
    Fixture.write(config, topic, Checkpoint.class, PACK, good, records.get(9).getRecordedAt());
    Path key = dir.resolve("pipeline.pub");
    SigningKeys.storePublicKey(signer.publicKey(), key);

    Run trusted =
        CliRun.palm(config, "audit", "verify", "--pack", PACK, "--trusted-key", key.toString());
    assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
    assertThat(trusted.out()).contains("checkpoints: VALID");

    // without a trusted key: the checkpoints are only shown unaltered, never VALID, and it fails
    Run unpinned = CliRun.palm(config, "audit", "verify", "--pack", PACK);
    assertThat(unpinned.exitCode())
        .as(unpinned.toString())
        .isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
    assertThat(unpinned.out())
        .contains("checkpoints: UNPINNED")
        .contains("not pinned")
        .doesNotContain("checkpoints: VALID");
    assertThat(unpinned.err()).contains("no trusted key").contains("--trust-on-first-use");

    // trust on first use, said explicitly: the first key is trusted and named
    Run tofu = CliRun.palm(config, "audit", "verify", "--pack", PACK, "--trust-on-first-use");
    assertThat(tofu.exitCode()).as(tofu.toString()).isZero();
    assertThat(tofu.out())
        .contains("checkpoints: VALID")
        .contains("key " + signer.keyId() + " trusted on first use");

    Run stranger =
        CliRun.palm(
            config,
            "audit",
            "verify",
            "--pack",
            PACK,
            "--trusted-key",
            SigningKeys.publicKeyBase64(CheckpointSigner.ephemeral().publicKey()));
    assertThat(stranger.exitCode()).isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
    assertThat(stranger.out()).contains("checkpoints: UNTRUSTED_KEY");
    assertThat(stranger.err()).contains("first bad checkpoint 0");

    Run chainOnly =
        CliRun.palm(
            config,
            "audit",
            "verify",
            "--pack",
            PACK,
            "--no-checkpoints",
            "--trusted-key",
            SigningKeys.publicKeyBase64(CheckpointSigner.ephemeral().publicKey()));
    assertThat(chainOnly.exitCode()).isZero();
    assertThat(chainOnly.out()).doesNotContain("checkpoints:");

    Checkpoint altered =
        Checkpoint.newBuilder(
                signer.build(
                    PACK,
                    "1.0.0",
                    1,
                    Instant.now(),
                    IntegrityAlgorithm.SHA256,
                    new CheckpointRange(
                        10,
                        9,
                        records.get(9).getHash(),
                        MerkleTree.root(IntegrityAlgorithm.SHA256, List.of())),
                    List.of(),
                    Optional.of(good.getSignature())))
            .setPackVersion("9.9.9")
            .build();
    Fixture.write(config, topic, Checkpoint.class, PACK, altered, Instant.now());
    Run badSignature =
        CliRun.palm(config, "audit", "verify", "--pack", PACK, "--trusted-key", key.toString());
    assertThat(badSignature.exitCode())
        .as(badSignature.toString())
        .isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
    assertThat(badSignature.out()).contains("checkpoints: BAD_SIGNATURE");
  }

  @Test
  void anExportVerifiesOfflineAndEditsToItAreCaught(@TempDir Path dir) throws Exception {
    Path export = dir.resolve("ibank.jsonl");
    Run exported =
        CliRun.palm(
            intact,
            "audit",
            "export",
            "--pack",
            PACK,
            "--from",
            at(5),
            "--to",
            at(25),
            "--skew",
            "1m",
            "--output",
            export.toString());
    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(exported.out())
        .contains(
            "exported 20 records of pack ibank (sequences 5..24) and 0 checkpoint(s) to " + export);
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(20);
    assertThat(JSON.readTree(lines.get(0)).get("sequence").asLong()).isEqualTo(5);

    // a file without checkpoints proves nothing about its ends: it fails unless told to check the
    // chain only
    Run unsigned = CliRun.palm("audit", "verify", "--file", export.toString());
    assertThat(unsigned.exitCode()).isEqualTo(ExitCode.CHECKPOINT_INVALID.code());
    assertThat(unsigned.err()).contains("carries no checkpoints").contains("--no-checkpoints");

    Run verified = CliRun.palm("audit", "verify", "--no-checkpoints", "--file", export.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out())
        .contains("20 lines")
        .contains("sequences 5..24 intact")
        .contains("note: the export starts mid-chain at sequence 5");

    Path whole = dir.resolve("whole.jsonl");
    assertThat(
            CliRun.palm(intact, "audit", "export", "--pack", PACK, "-o", whole.toString())
                .exitCode())
        .isZero();
    Run fromGenesis =
        CliRun.palm("audit", "verify", "--no-checkpoints", "--file", whole.toString());
    assertThat(fromGenesis.exitCode()).isZero();
    assertThat(fromGenesis.out()).contains("sequences 0..29 intact").doesNotContain("note:");

    List<String> edited = new ArrayList<>(lines);
    ObjectNode record = (ObjectNode) JSON.readTree(edited.get(3));
    record.put("actor_id", "someone-else");
    edited.set(3, record.toString());
    Path tampered = dir.resolve("tampered.jsonl");
    Files.write(tampered, edited, StandardCharsets.UTF_8);
    Run caught = CliRun.palm("audit", "verify", "--no-checkpoints", "--file", tampered.toString());
    assertThat(caught.exitCode()).isEqualTo(ExitCode.TAMPERED.code());
    assertThat(caught.out()).contains("first bad sequence: 8");

    List<String> dropped = new ArrayList<>(lines);
    dropped.remove(10);
    Path gap = dir.resolve("gap.jsonl");
    Files.write(gap, dropped, StandardCharsets.UTF_8);
    assertThat(
            CliRun.palm("audit", "verify", "--no-checkpoints", "--file", gap.toString()).exitCode())
        .isEqualTo(ExitCode.GAP.code());

    List<String> garbled = new ArrayList<>(lines);
    garbled.set(2, "{\"sequence\": 7");
    Path unreadable = dir.resolve("garbled.jsonl");
    Files.write(unreadable, garbled, StandardCharsets.UTF_8);
    Run garbledRun =
        CliRun.palm("audit", "verify", "--no-checkpoints", "--file", unreadable.toString());
    assertThat(garbledRun.exitCode()).isEqualTo(ExitCode.UNREADABLE.code());
    assertThat(garbledRun.out()).contains("garbled.jsonl:3");

    Run missing =
        CliRun.palm(
            "audit", "verify", "--no-checkpoints", "--file", dir.resolve("nope.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(missing.err()).contains("nope.jsonl does not exist");

    Run withRange =
        CliRun.palm(
            "audit", "verify", "--no-checkpoints", "--file", export.toString(), "--from", "-1h");
    assertThat(withRange.exitCode()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void exportingATamperedTopicWritesTheEvidenceAndReportsTheProblem(@TempDir Path dir)
      throws Exception {
    ClientConfig config = Fixture.config("audit-export-bad");
    Fixture.createTopics(config, PACK);
    List<AuditRecord> records = new ArrayList<>(Fixture.chain(PACK, 6, t0, STEP));
    records.set(
        2, AuditRecord.newBuilder(records.get(2)).setOperation("delete_everything").build());
    Fixture.writeAudit(config, PACK, records);
    Path export = dir.resolve("evidence.jsonl");

    Run run = CliRun.palm(config, "audit", "export", "--pack", PACK, "--output", export.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.TAMPERED.code());
    assertThat(Files.readAllLines(export)).hasSize(6);
    assertThat(CliRun.palm("audit", "verify", "--file", export.toString()).exitCode())
        .isEqualTo(ExitCode.TAMPERED.code());

    Run badFolder =
        CliRun.palm(
            config,
            "audit",
            "export",
            "--pack",
            PACK,
            "--output",
            dir.resolve("no/such/folder/x.jsonl").toString());
    assertThat(badFolder.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(badFolder.err()).contains("does not exist");
  }

  @Test
  void anUnreachableRegistryIsAnOutageNotUnreadableRecords() {
    List<String> args = new ArrayList<>(List.of("audit", "verify", "--pack", PACK));
    args.addAll(
        List.of(
            "--bootstrap-servers",
            intact.bootstrapServers(),
            "--registry-url",
            "http://127.0.0.1:1",
            "--topic-prefix",
            intact.topicPrefix()));

    Run run = CliRun.palm(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(run.err()).contains("http://127.0.0.1:1");
  }

  private static String at(int minutes) {
    return t0.plus(STEP.multipliedBy(minutes)).toString();
  }
}
