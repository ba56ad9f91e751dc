package dev.palm.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.audit.Keyring;
import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.client.ClientConfig;
import dev.palm.client.RunningPipeline;
import dev.palm.packs.canonical.IBankPack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against the real pipeline ({@link dev.palm.streams.service.PalmService} with the
 * iBank pack): publish a delete_deployment, see it held, release the hold, see it pending, approve
 * it as another user, see it allowed, query its audit history and verify the chain.
 */
@Tag("integration")
class PipelineSessionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path stateDir;

  private static RunningPipeline pipeline;
  private static ClientConfig config;

  @BeforeAll
  static void startThePipeline() throws Exception {
    // iBank requires accountability proofs: the actors get keys the pipeline trusts, made with
    // the command line as a user would
    Path keyring = stateDir.resolve("keys").resolve("keyring");
    for (String actor : List.of("alice", "bob", "carol")) {
      Run generated =
          CliRun.palm("keys", "generate", "--actor", actor, "--keyring", keyring.toString());
      assertThat(generated.exitCode()).as(generated.toString()).isZero();
    }
    pipeline =
        RunningPipeline.start(
            "session", stateDir, List.of(IBankPack.ibank()), Keyring.read(keyring));
    config = pipeline.config();
  }

  @AfterAll
  static void stopThePipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void publishReleaseApproveQueryAndVerify() throws Exception {
    // the deployment must exist before it can be deleted; creating it needs an approval too
    String created = publish("create_deployment", "--target-replicas", "2");
    Run createApproved =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            "ibank",
            "--operation",
            created,
            "--as",
            "bob",
            "--key",
            key("bob"),
            "--wait",
            "120s");
    assertThat(createApproved.exitCode()).as(createApproved.toString()).isZero();
    assertThat(createApproved.out()).contains("ALLOWED create_deployment on payments-eu");

    Run published =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            "ibank",
            "--operation",
            "delete_deployment",
            "--deployment",
            "payments-eu",
            "--actor",
            "alice",
            "--key",
            key("alice"),
            "--justification",
            "decommission",
            "--wait",
            "120s",
            "--format",
            "jsonl");
    assertThat(published.exitCode()).as(published.toString()).isZero();
    JsonNode line = JSON.readTree(published.out().strip());
    String operationId = line.get("published").get("operation_id").asText();
    // iBank blocks delete_deployment behind a safety hold before it asks for approval
    assertThat(line.get("decision").get("decision").asText()).isEqualTo("HELD");

    Run holds = CliRun.palm(config, "holds", "list", "--pack", "ibank");
    assertThat(holds.exitCode()).as(holds.toString()).isZero();
    assertThat(holds.out()).contains(operationId).contains("delete_deployment");

    Run released =
        CliRun.palm(
            config,
            "holds",
            "release",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--as",
            "carol",
            "--key",
            key("carol"),
            "--reason",
            "change ticket CHG-7",
            "--wait",
            "120s");
    assertThat(released.exitCode()).as(released.toString()).isZero();
    assertThat(released.out()).contains("PENDING_APPROVAL delete_deployment on payments-eu");

    Run pending = CliRun.palm(config, "approvals", "list", "--pack", "ibank");
    assertThat(pending.exitCode()).as(pending.toString()).isZero();
    assertThat(pending.out()).contains(operationId).contains("delete_deployment").contains("alice");

    Run selfApproval =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--as",
            "alice",
            "--key",
            key("alice"),
            "--wait",
            "120s");
    assertThat(selfApproval.out()).doesNotContain("ALLOWED");
    assertThat(selfApproval.err()).contains("note: alice requested this operation");
    // refused at once, with the refusal's reasons, never someone else's decision
    assertThat(selfApproval.exitCode()).as(selfApproval.toString()).isEqualTo(5);
    assertThat(selfApproval.err())
        .contains("the pipeline refused the answer (SELF_APPROVAL_FORBIDDEN)");

    // bob without his key: refused for the missing proof, also at once
    Run unsignedAnswer =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--as",
            "bob",
            "--wait",
            "120s");
    assertThat(unsignedAnswer.exitCode()).as(unsignedAnswer.toString()).isEqualTo(5);
    assertThat(unsignedAnswer.err()).contains("refused the answer (PROOF_MISSING)");

    // a --wait beyond the limit is refused before anything is sent
    Run tooLong =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--as",
            "bob",
            "--key",
            key("bob"),
            "--wait",
            "2h");
    assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(2);
    assertThat(tooLong.err()).contains("longer than the limit of 60 minutes");
    assertThat(tooLong.out()).doesNotContain("sent approval");

    Run approved =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--as",
            "bob",
            "--key",
            key("bob"),
            "--comment",
            "checked with the owners",
            "--wait",
            "120s");
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out())
        .contains("ALLOWED delete_deployment on payments-eu")
        .contains("decided by: bob");

    Run noLongerPending = CliRun.palm(config, "approvals", "list", "--pack", "ibank");
    assertThat(noLongerPending.out()).doesNotContain(operationId);

    Run history =
        CliRun.palm(config, "audit", "query", "--pack", "ibank", "--operation", operationId);
    assertThat(history.exitCode()).as(history.toString()).isZero();
    assertThat(history.out())
        .contains("HOLD_PLACED")
        .contains("HOLD_RELEASED")
        .contains("APPROVAL_REQUESTED")
        .contains("APPROVAL_GRANTED")
        .contains("bob");
    assertThat(history.err()).isEmpty();

    Run outcome =
        CliRun.palm(
            config,
            "outcomes",
            "report",
            "--pack",
            "ibank",
            "--operation",
            operationId,
            "--deployment",
            "payments-eu",
            "--status",
            "succeeded",
            "--as",
            "deployer");
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();

    Run verified =
        CliRun.palm(
            config,
            "audit",
            "verify",
            "--pack",
            "ibank",
            "--trusted-key",
            pipeline.service().signer().orElseThrow().publicKeyBase64());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains("chain: INTACT");
  }

  @Test
  void aStandingApprovalIsRefusedWhereThePackDoesNotAllowIt() throws Exception {
    // iBank keeps allow_auto_approval off: the grant is refused, audited, reported at once
    Run grant =
        CliRun.palm(
            config,
            "approvals",
            "grant",
            "--pack",
            "ibank",
            "--grant-id",
            "sa-1",
            "--as",
            "bob",
            "--key",
            key("bob"),
            "--operations",
            "scale",
            "--max-uses",
            "3",
            "--expires-in",
            "1h",
            "--wait",
            "120s");
    assertThat(grant.exitCode()).as(grant.toString()).isEqualTo(5);
    assertThat(grant.out()).contains("sent grant of standing approval sa-1 as bob");
    assertThat(grant.err())
        .contains("refused: STANDING_APPROVAL_GRANTED STANDING_APPROVAL_DISABLED")
        .contains("does not allow standing approvals");
  }

  /** The key file of {@code actor} made at start. */
  private static String key(String actor) {
    return stateDir.resolve("keys").resolve(actor + ".key").toString();
  }

  @Test
  void anUnsignedRequestAndAnUnsignedAnswerAreRefused() throws Exception {
    Run unsigned =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            "ibank",
            "--operation",
            "create_deployment",
            "--deployment",
            "unsigned-1",
            "--actor",
            "alice",
            "--target-replicas",
            "1",
            "--wait",
            "120s");
    assertThat(unsigned.exitCode()).as(unsigned.toString()).isZero();
    assertThat(unsigned.out()).contains("DENIED").contains("PROOF_MISSING");

    // signed by bob's key but claiming to be alice: the key is not alice's
    Run forged =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            "ibank",
            "--operation",
            "create_deployment",
            "--deployment",
            "unsigned-2",
            "--actor",
            "alice",
            "--key",
            key("bob"),
            "--target-replicas",
            "1",
            "--wait",
            "120s");
    assertThat(forged.exitCode()).as(forged.toString()).isZero();
    assertThat(forged.out()).contains("DENIED").contains("PROOF_INVALID");
  }

  /**
   * Publishes an operation on payments-eu as alice, waits for its first decision and returns its
   * id.
   */
  private static String publish(String operation, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "publish",
                "--pack",
                "ibank",
                "--operation",
                operation,
                "--deployment",
                "payments-eu",
                "--actor",
                "alice",
                "--key",
                key("alice"),
                "--wait",
                "120s",
                "--format",
                "jsonl"));
    args.addAll(List.of(more));
    Run run = CliRun.palm(config, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return JSON.readTree(run.out().strip()).get("published").get("operation_id").asText();
  }
}
