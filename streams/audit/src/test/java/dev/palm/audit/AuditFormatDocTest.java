package dev.palm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps docs/audit-format.md honest: its test vectors are recomputed here from the document's own
 * text.
 */
class AuditFormatDocTest {

  private static final HexFormat HEX = HexFormat.of();
  private final String doc = readDoc();

  @Test
  void auditRecordVectorHashesAsDocumented() throws IOException {
    AuditRecord record =
        decode(block("audit-record-json"), AuditRecord.getClassSchema(), AuditRecord.class);
    String canonicalHex = block("audit-record-canonical-hex").replaceAll("\\s", "");
    String sha256 = block("audit-record-sha256").strip();

    assertThat(HEX.formatHex(AuditChain.canonicalBytes(record))).isEqualTo(canonicalHex);
    assertThat(AuditChain.computeHash(record)).isEqualTo(sha256).isEqualTo(record.getHash());
    assertThat(ChainVerifier.verify(List.of(record)).intact()).isTrue();
  }

  @Test
  void fieldByFieldTableMatchesTheRulesOfTheDocument() throws IOException {
    AuditRecord record =
        decode(block("audit-record-json"), AuditRecord.getClassSchema(), AuditRecord.class);
    List<String[]> rows = tableRows();
    List<IndependentEncoder.Segment> segments = IndependentEncoder.segments(record);

    assertThat(rows).hasSameSizeAs(segments);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i)[0]).isEqualTo(segments.get(i).field());
      assertThat(rows.get(i)[1])
          .as(rows.get(i)[0])
          .isEqualTo(HEX.formatHex(segments.get(i).bytes()));
      all.append(rows.get(i)[1]);
    }
    assertThat(all.toString()).isEqualTo(block("audit-record-canonical-hex").replaceAll("\\s", ""));
    // The field order of the table is the schema's.
    assertThat(rows.stream().map(r -> r[0]).toList())
        .isEqualTo(
            AuditRecord.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
  }

  @ParameterizedTest
  @EnumSource(
      value = IntegrityAlgorithm.class,
      names = {"SHA256", "SHA384", "SHA512"})
  void encoderWrittenFromTheDocumentAgreesWithAvroOnVariedRecords(IntegrityAlgorithm algorithm) {
    for (AuditRecord record : AuditFixtures.chain(algorithm, "mapleverse", 40)) {
      assertThat(IndependentEncoder.canonicalBytes(record))
          .isEqualTo(AuditChain.canonicalBytes(record));
    }
    AuditRecord sparse = AuditFixtures.chain(algorithm, "x", 1).get(0);
    AuditRecord empty =
        AuditRecord.newBuilder(sparse)
            .setOperationId(null)
            .setOperation(null)
            .setDeploymentId(null)
            .setDecision(null)
            .setRuleIds(List.of())
            .setMessages(List.of())
            .setDetails(List.of())
            .setSource(null)
            .setSequence(-1L)
            .setActorId("ünïcødé ✓")
            .build();
    assertThat(IndependentEncoder.canonicalBytes(empty))
        .isEqualTo(AuditChain.canonicalBytes(empty));
  }

  @Test
  void checkpointVectorIsSignedAsDocumented() throws Exception {
    AuditRecord record =
        decode(block("audit-record-json"), AuditRecord.getClassSchema(), AuditRecord.class);
    Checkpoint checkpoint =
        decode(block("checkpoint-json"), Checkpoint.getClassSchema(), Checkpoint.class);
    byte[] seed = HEX.parseHex(block("ed25519-seed").strip());
    byte[] rawPublic = HEX.parseHex(block("ed25519-public").strip());

    String root = block("merkle-root").strip();
    assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, List.of(record.getHash())))
        .isEqualTo(root);
    assertThat(checkpoint.getMerkleRoot()).isEqualTo(root);
    assertThat(checkpoint.getHeadHash()).isEqualTo(record.getHash());

    byte[] canonical = Checkpoints.canonicalBytes(checkpoint);
    assertThat(HEX.formatHex(canonical))
        .isEqualTo(block("checkpoint-canonical-hex").replaceAll("\\s", ""));

    KeyFactory keys = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey =
        keys.generatePrivate(
            new PKCS8EncodedKeySpec(
                concat(HEX.parseHex("302e020100300506032b657004220420"), seed)));
    PublicKey publicKey =
        keys.generatePublic(
            new X509EncodedKeySpec(concat(HEX.parseHex("302a300506032b6570032100"), rawPublic)));
    assertThat(checkpoint.getPublicKey())
        .isEqualTo(Base64.getEncoder().encodeToString(publicKey.getEncoded()));
    assertThat(checkpoint.getSigningKeyId()).isEqualTo(SigningKeys.keyId(publicKey));

    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(privateKey);
    signer.update(canonical);
    assertThat(Base64.getEncoder().encodeToString(signer.sign()))
        .isEqualTo(checkpoint.getSignature());
    assertThat(CheckpointVerifier.signatureValid(checkpoint)).isTrue();
    assertThat(CheckpointVerifier.verifyRange(checkpoint, List.of(record)).valid()).isTrue();
  }

  @Test
  void operationProofVectorIsSignedAsDocumented() throws Exception {
    dev.palm.events.OperationRequested op =
        dev.palm.events.OperationRequested.newBuilder()
            .setOperationId("op-delete")
            .setPack("ibank")
            .setOperation("delete_deployment")
            .setDeploymentId("payments-eu")
            .setAgentId(null)
            .setActor(new dev.palm.events.Actor("alice", dev.palm.events.ActorType.HUMAN))
            .setEnvironment("production")
            .setRequestedAt(java.time.Instant.parse("2026-01-01T00:00:00Z"))
            .setTargetReplicas(null)
            .setInstanceCount(null)
            .setResources(null)
            .setParameters(java.util.Map.of("ticket", "CHG-7"))
            .setProof(null)
            .setJustification("decommission")
            .setTraceId(null)
            .setAgentSpec(null)
            .build();
    java.time.Instant signedAt = java.time.Instant.parse("2026-01-01T00:00:01Z");
    KeyFactory keys = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey =
        keys.generatePrivate(
            new PKCS8EncodedKeySpec(
                concat(
                    HEX.parseHex("302e020100300506032b657004220420"),
                    HEX.parseHex(block("ed25519-seed").strip()))));
    PublicKey publicKey =
        keys.generatePublic(
            new X509EncodedKeySpec(
                concat(
                    HEX.parseHex("302a300506032b6570032100"),
                    HEX.parseHex(block("ed25519-public").strip()))));
    String keyId = SigningKeys.keyId(publicKey);

    byte[] bytes = RequestProofs.operationBytes(op, keyId, signedAt);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(block("operation-proof-bytes").strip());
    assertThat(HEX.formatHex(RequestProofs.digest(op, keyId, signedAt)))
        .isEqualTo(block("operation-proof-digest").strip());
    dev.palm.events.AccountabilityProof proof =
        RequestProofs.sign(op, new java.security.KeyPair(publicKey, privateKey), signedAt);
    assertThat(proof.getSignature()).isEqualTo(block("operation-proof-signature").strip());
    assertThat(proof.getKeyId()).isEqualTo(keyId);
    assertThat(RequestProofs.verify(op, proof, publicKey)).isTrue();
    op.setJustification("other");
    assertThat(RequestProofs.verify(op, proof, publicKey)).isFalse();
  }

  @Test
  void documentListsTheEnumSymbolsInSchemaOrder() {
    assertThat(doc)
        .contains(indexed(dev.palm.events.AuditEventType.getClassSchema().getEnumSymbols()));
    assertThat(doc).contains(indexed(dev.palm.events.Decision.getClassSchema().getEnumSymbols()));
  }

  private static String indexed(List<String> symbols) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      parts.add(i + " `" + symbols.get(i) + "`");
    }
    // The document wraps lines; compare with single spaces.
    return String.join(", ", parts);
  }

  @Test
  void merkleAndInclusionVectorsMatchTheImplementation() {
    List<String> leaves = block("merkle-leaves").strip().lines().map(String::strip).toList();
    assertThat(leaves).hasSize(5);
    for (String line : block("merkle-prefix-roots").strip().lines().toList()) {
      String[] parts = line.strip().split(" ");
      int n = Integer.parseInt(parts[0]);
      assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, leaves.subList(0, n)))
          .as("root of %d leaves", n)
          .isEqualTo(parts[1]);
      MerkleFrontier frontier = new MerkleFrontier(IntegrityAlgorithm.SHA256);
      leaves.subList(0, n).forEach(frontier::add);
      assertThat(frontier.root()).isEqualTo(parts[1]);
    }
    List<String> path = block("inclusion-path-2-of-5").strip().lines().map(String::strip).toList();
    assertThat(MerkleTree.inclusionPath(IntegrityAlgorithm.SHA256, leaves, 2)).isEqualTo(path);
    String root = MerkleTree.root(IntegrityAlgorithm.SHA256, leaves);
    assertThat(
            MerkleTree.verifyInclusion(IntegrityAlgorithm.SHA256, leaves.get(2), 2, 5, path, root))
        .isTrue();
    // every leaf of every size proves itself, and no other leaf or position passes
    for (int n = 1; n <= 5; n++) {
      List<String> tree = leaves.subList(0, n);
      String treeRoot = MerkleTree.root(IntegrityAlgorithm.SHA256, tree);
      for (int m = 0; m < n; m++) {
        List<String> p = MerkleTree.inclusionPath(IntegrityAlgorithm.SHA256, tree, m);
        assertThat(
                MerkleTree.verifyInclusion(
                    IntegrityAlgorithm.SHA256, tree.get(m), m, n, p, treeRoot))
            .as("leaf %d of %d", m, n)
            .isTrue();
        for (int other = 0; other < n; other++) {
          if (other != m) {
            assertThat(
                    MerkleTree.verifyInclusion(
                        IntegrityAlgorithm.SHA256, tree.get(other), m, n, p, treeRoot))
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void verdictVectorsAreWhatTheVerifierReports() {
    List<AuditRecord> chain = AuditFixtures.chain(IntegrityAlgorithm.SHA256, "vectors", 6);
    AuditRecord forged =
        AuditFixtures.rehashed(
            AuditRecord.newBuilder(chain.get(2)).setOperationId("forged").build());
    AuditRecord changed = AuditRecord.newBuilder(chain.get(2)).setOperationId("changed").build();
    List<String> rows = block("verdicts").strip().lines().toList();
    assertThat(rows).hasSize(7);
    for (String row : rows) {
      String[] columns = row.strip().split("\\s{2,}");
      List<AuditRecord> order = new ArrayList<>();
      for (String item : columns[0].split(" ")) {
        int i = Integer.parseInt(item.replaceAll("\\D", ""));
        order.add(item.endsWith("'") ? forged : item.endsWith("~") ? changed : chain.get(i));
      }
      VerificationResult result = ChainVerifier.verify(order);
      assertThat(result.status().name()).as(row).isEqualTo(columns[1]);
      assertThat(
              result.firstBadSequence().isPresent()
                  ? Long.toString(result.firstBadSequence().getAsLong())
                  : "-")
          .as(row)
          .isEqualTo(columns[2]);
      assertThat(result.problems()).as(row).isEqualTo(Long.parseLong(columns[3]));
    }
  }

  private String block(String name) {
    Matcher matcher =
        Pattern.compile(
                "<!-- vector:" + Pattern.quote(name) + " -->\\s*```[a-z]*\\n(.*?)\\n```",
                Pattern.DOTALL)
            .matcher(doc);
    assertThat(matcher.find()).as("vector %s in docs/audit-format.md", name).isTrue();
    return matcher.group(1);
  }

  private List<String[]> tableRows() {
    int start = doc.indexOf("<!-- vector:audit-record-fields -->");
    int end = doc.indexOf("<!-- /vector -->", start);
    assertThat(start).isNotNegative();
    List<String[]> rows = new ArrayList<>();
    Matcher row =
        Pattern.compile("^\\| `([a-z_]+)` \\|[^|]*\\| `([0-9a-f]+)` \\|$", Pattern.MULTILINE)
            .matcher(doc.substring(start, end));
    while (row.find()) {
      rows.add(new String[] {row.group(1), row.group(2)});
    }
    return rows;
  }

  private static <T extends SpecificRecord> T decode(String json, Schema schema, Class<T> type)
      throws IOException {
    return new SpecificDatumReader<>(type)
        .read(null, DecoderFactory.get().jsonDecoder(schema, json));
  }

  private static String readDoc() {
    // Surefire runs in the module folder; the document lives at the repository root.
    for (Path candidate :
        List.of(
            Path.of("..", "..", "docs", "audit-format.md"), Path.of("docs", "audit-format.md"))) {
      if (Files.exists(candidate)) {
        try {
          return Files.readString(candidate).replaceAll("\\n(?=[0-9]+ `)", " ");
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + candidate, e);
        }
      }
    }
    throw new IllegalStateException(
        "docs/audit-format.md not found from " + Path.of("").toAbsolutePath());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
