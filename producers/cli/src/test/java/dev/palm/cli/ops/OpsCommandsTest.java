package dev.palm.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import dev.palm.client.ClientConfig;
import dev.palm.client.Events;
import dev.palm.client.Fixture;
import dev.palm.events.ActorType;
import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.OutcomeStatus;
import dev.palm.events.PolicyDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operational commands run in-process against the shared broker and registry. The pipeline's
 * outputs (decisions, approval requests) are written by the test itself; {@code
 * PipelineSessionTest} runs the same commands against the real topology.
 */
@Tag("integration")
class OpsCommandsTest {

  private static final String PACK = "ibank";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClientConfig config;
  private static Instant t0;

  @BeforeAll
  static void topics() {
    config = Fixture.config("ops-cli");
    Fixture.createTopics(config, PACK, "finalverse");
    t0 = Fixture.base();
  }

  @Test
  void publishSendsEveryFlagAndPrintsWhereTheRecordLanded() throws Exception {
    Run run =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            PACK,
            "--operation",
            "scale",
            "--deployment",
            "payments",
            "--actor",
            "deployer",
            "--actor-type",
            "service",
            "--agent",
            "agent-1",
            "--environment",
            "production",
            "--target-replicas",
            "6",
            "--instance-count",
            "2",
            "--cpu-millicores",
            "250",
            "--memory-mb",
            "512",
            "--storage-mb",
            "1024",
            "--network-kbps",
            "100",
            "--param",
            "zone=eu",
            "--param",
            "ticket=CHG-1",
            "--justification",
            "peak",
            "--trace-id",
            "tr-1",
            "--operation-id",
            "op-cli-1",
            "--requested-at",
            "2026-03-01T10:00:00Z",
            "--agent-name",
            "resonator",
            "--agent-version",
            "1.0.0",
            "--attention-budget",
            "10",
            "--coupling-slots",
            "2",
            "--proof-key-id",
            "k1",
            "--proof-signature",
            "c2ln");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "published operation op-cli-1 (scale on payments, pack ibank) at "
                + config.layout().operations().name()
                + "-0@");
    OperationRequested sent =
        Fixture.readAll(config, config.layout().operations().name(), OperationRequested.class)
            .stream()
            .map(ConsumerRecord::value)
            .filter(o -> o.getOperationId().equals("op-cli-1"))
            .findFirst()
            .orElseThrow();
    assertThat(sent.getActor().getType()).isEqualTo(ActorType.SERVICE);
    assertThat(sent.getAgentId()).isEqualTo("agent-1");
    assertThat(sent.getEnvironment()).isEqualTo("production");
    assertThat(sent.getTargetReplicas()).isEqualTo(6);
    assertThat(sent.getInstanceCount()).isEqualTo(2);
    assertThat(sent.getResources().getNetworkKbps()).isEqualTo(100);
    assertThat(sent.getParameters()).containsEntry("zone", "eu").containsEntry("ticket", "CHG-1");
    assertThat(sent.getRequestedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(sent.getAgentSpec().getAttentionBudget()).isEqualTo(10);
    assertThat(sent.getProof().getAlgorithm()).isEqualTo("ed25519");
    assertThat(sent.getJustification()).isEqualTo("peak");
    assertThat(sent.getTraceId()).isEqualTo("tr-1");
  }

  @Test
  void publishWithWaitPrintsTheDecisionOrSaysNoneCame() throws Exception {
    CompletableFuture<Run> waiting =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.palm(
                    config,
                    "publish",
                    "--pack",
                    PACK,
                    "--operation",
                    "delete_deployment",
                    "--deployment",
                    "d1",
                    "--actor",
                    "alice",
                    "--operation-id",
                    "op-wait",
                    "--wait",
                    "60s",
                    "--format",
                    "jsonl"));
    awaitOperation("op-wait");
    Fixture.write(
        config,
        config.layout().decisions(PACK).name(),
        PolicyDecision.class,
        "op-wait",
        Events.decision(PACK, "op-wait", Decision.PENDING_APPROVAL, Instant.now()),
        Instant.now());
    Run run = waiting.get(90, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode line = JSON.readTree(run.out().strip());
    assertThat(line.get("published").get("operation_id").asText()).isEqualTo("op-wait");
    assertThat(line.get("decision").get("decision").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(line.get("decision").get("approval_id").asText()).isEqualTo("appr-op-wait");

    Run unanswered =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            PACK,
            "--operation",
            "restart",
            "--deployment",
            "d2",
            "--actor",
            "alice",
            "--wait",
            "500ms");
    assertThat(unanswered.exitCode())
        .as(unanswered.toString())
        .isEqualTo(ExitCode.NO_DECISION.code());
    assertThat(unanswered.err())
        .contains("no decision about operation")
        .contains("palm decisions tail");
  }

  @Test
  void badFlagsPrintOneLineAndWhereTheHelpIsAndExitWithTwo() {
    Run notANumber =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            PACK,
            "--operation",
            "scale",
            "--deployment",
            "d",
            "--target-replicas",
            "many");
    assertThat(notANumber.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(notANumber.err())
        .contains("--target-replicas")
        .contains("many")
        .contains("Try 'palm publish --help' for the options.")
        .doesNotContain("Usage:");
    assertThat(notANumber.err().lines()).hasSize(2);

    Run missing = CliRun.palm(config, "publish", "--pack", PACK);
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(missing.err()).contains("Missing required options").contains("--operation=NAME");

    Run badType =
        CliRun.palm(
            config,
            "publish",
            "--pack",
            PACK,
            "--operation",
            "scale",
            "--deployment",
            "d",
            "--actor",
            "x",
            "--actor-type",
            "robot");
    assertThat(badType.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badType.err()).contains("Unknown actor type 'robot'");

    Run badTime =
        CliRun.palm(config, "decisions", "tail", "--pack", PACK, "--from", "last tuesday");
    assertThat(badTime.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badTime.err()).contains("'last tuesday' is not a time");

    Run timeoutWithoutFollow =
        CliRun.palm(config, "decisions", "tail", "--pack", PACK, "--timeout", "5s");
    assertThat(timeoutWithoutFollow.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(timeoutWithoutFollow.err()).contains("--timeout only applies with --follow");

    Run bothTargets =
        CliRun.palm(
            config,
            "approvals",
            "approve",
            "--pack",
            PACK,
            "--operation",
            "a",
            "--approval",
            "b",
            "--as",
            "bob");
    assertThat(bothTargets.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(bothTargets.err()).contains("mutually exclusive");

    Run noTarget = CliRun.palm(config, "holds", "release", "--pack", PACK, "--as", "bob");
    assertThat(noTarget.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noTarget.err()).contains("Missing required argument");

    Run badStatus =
        CliRun.palm(
            config,
            "outcomes",
            "report",
            "--pack",
            PACK,
            "--operation",
            "o",
            "--deployment",
            "d",
            "--status",
            "maybe",
            "--as",
            "svc");
    assertThat(badStatus.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badStatus.err()).contains("SUCCEEDED, FAILED");

    Run unknownCommand = CliRun.palm("approvals", "ignore");
    assertThat(unknownCommand.exitCode()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void anUnknownPackIsRefusedNamingTheKnownOnes() {
    for (String[] args :
        List.of(
            new String[] {
              "publish",
              "--pack",
              "ibnak",
              "--operation",
              "scale",
              "--deployment",
              "d",
              "--actor",
              "a"
            },
            new String[] {"decisions", "tail", "--pack", "ibnak"},
            new String[] {"approvals", "list", "--pack", "ibnak"},
            new String[] {"holds", "list", "--pack", "ibnak"},
            new String[] {
              "outcomes",
              "report",
              "--pack",
              "ibnak",
              "--operation",
              "o",
              "--deployment",
              "d",
              "--status",
              "succeeded",
              "--as",
              "svc"
            })) {
      Run run = CliRun.palm(config, args);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_INPUT.code());
      assertThat(run.err())
          .contains("Unknown pack 'ibnak'")
          .contains("known packs: finalverse, ibank");
    }
  }

  @Test
  void decisionsTailPrintsARangeFiltersByOperationAndFollowsToTheSettledDecision()
      throws Exception {
    ClientConfig own = Fixture.config("tail-cli");
    Fixture.createTopics(own, PACK);
    String topic = own.layout().decisions(PACK).name();
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "t1",
        Events.decision(PACK, "t1", Decision.ALLOWED, t0),
        t0);
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "t2",
        Events.decision(PACK, "t2", Decision.PENDING_APPROVAL, t0.plusSeconds(60)),
        t0.plusSeconds(60));

    Run all = CliRun.palm(own, "decisions", "tail", "--pack", PACK);
    assertThat(all.exitCode()).as(all.toString()).isZero();
    assertThat(all.out().lines()).hasSize(3);
    assertThat(all.out())
        .contains("DECIDED_AT")
        .contains("t1")
        .contains("ALLOWED")
        .contains("PENDING_APPROVAL");

    Run fromTime =
        CliRun.palm(
            own,
            "decisions",
            "tail",
            "--pack",
            PACK,
            "--from",
            t0.plusSeconds(30).toString(),
            "--format",
            "jsonl");
    assertThat(fromTime.out().lines()).hasSize(1);
    assertThat(JSON.readTree(fromTime.out()).get("operation_id").asText()).isEqualTo("t2");

    Run empty = CliRun.palm(own, "decisions", "tail", "--pack", PACK, "--operation", "nothing");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.err()).contains("no decisions of pack ibank about operation nothing");

    CompletableFuture<Run> following =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.palm(
                    own,
                    "decisions",
                    "tail",
                    "--pack",
                    PACK,
                    "--operation",
                    "t2",
                    "--follow",
                    "--timeout",
                    "60s"));
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "t2",
        Events.decision(PACK, "t2", Decision.ALLOWED, Instant.now()),
        Instant.now());
    Run followed = following.get(90, TimeUnit.SECONDS);
    assertThat(followed.exitCode()).as(followed.toString()).isZero();
    assertThat(followed.out()).contains("PENDING_APPROVAL").contains("ALLOWED");

    Run notSettled =
        CliRun.palm(
            own,
            "decisions",
            "tail",
            "--pack",
            PACK,
            "--operation",
            "t1x",
            "--follow",
            "--timeout",
            "300ms");
    assertThat(notSettled.exitCode()).isEqualTo(ExitCode.NO_DECISION.code());
  }

  @Test
  void approvalsAreListedAndAnsweredByApprovalOrOperationId() throws Exception {
    ClientConfig own = Fixture.config("approvals-cli");
    Fixture.createTopics(own, PACK);
    Run none = CliRun.palm(own, "approvals", "list", "--pack", PACK);
    assertThat(none.out()).contains("no open approval requests in pack ibank");

    String topic = own.layout().approvals(PACK).name();
    for (String op : List.of("a1", "a2")) {
      ApprovalRequest request =
          Events.approval(PACK, op, ApprovalRequestKind.REQUEST, Instant.now(), 0);
      Fixture.write(
          own, topic, ApprovalRequest.class, request.getApprovalId(), request, Instant.now());
    }

    Run list = CliRun.palm(own, "approvals", "list", "--pack", PACK);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains("APPROVAL_ID")
        .contains("appr-a1")
        .contains("appr-a2")
        .contains("0/1");
    Run jsonl = CliRun.palm(own, "approvals", "list", "--pack", PACK, "--format", "jsonl");
    assertThat(jsonl.out().lines()).hasSize(2);
    assertThat(
            JSON.readTree(jsonl.out().lines().findFirst().orElseThrow())
                .get("requested_by")
                .asText())
        .isEqualTo("alice");

    Run approve =
        CliRun.palm(
            own,
            "approvals",
            "approve",
            "--pack",
            PACK,
            "--approval",
            "appr-a1",
            "--as",
            "bob",
            "--comment",
            "looks right");
    assertThat(approve.exitCode()).as(approve.toString()).isZero();
    assertThat(approve.out()).contains("sent approval of operation a1 as bob");
    Run reject =
        CliRun.palm(
            own, "approvals", "reject", "--pack", PACK, "--operation", "a2", "--as", "carol");
    assertThat(reject.exitCode()).as(reject.toString()).isZero();

    List<ApprovalResponse> responses =
        Fixture.readAll(own, own.layout().approvalResponses().name(), ApprovalResponse.class)
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(responses)
        .extracting(r -> r.getOperationId() + ":" + r.getVerdict() + ":" + r.getApprover().getId())
        .containsExactly(
            "a1:" + ApprovalVerdict.APPROVE + ":bob", "a2:" + ApprovalVerdict.REJECT + ":carol");
    assertThat(responses.get(0).getComment()).isEqualTo("looks right");

    Run notPending =
        CliRun.palm(
            own, "approvals", "approve", "--pack", PACK, "--approval", "appr-zz", "--as", "bob");
    assertThat(notPending.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(notPending.err()).contains("No open approval request for approval appr-zz");
  }

  @Test
  void holdsAreListedReleasedAndCancelled() throws Exception {
    ClientConfig own = Fixture.config("holds-cli");
    Fixture.createTopics(own, PACK);
    String topic = own.layout().decisions(PACK).name();
    Fixture.write(
        own, topic, PolicyDecision.class, "h1", Events.decision(PACK, "h1", Decision.HELD, t0), t0);
    Fixture.write(
        own, topic, PolicyDecision.class, "h2", Events.decision(PACK, "h2", Decision.HELD, t0), t0);

    Run list = CliRun.palm(own, "holds", "list", "--pack", PACK);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("HOLD_ID").contains("hold-h1").contains("hold-h2");
    Run jsonl = CliRun.palm(own, "holds", "list", "--pack", PACK, "--format", "jsonl");
    assertThat(JSON.readTree(jsonl.out().lines().findFirst().orElseThrow()).get("hold_id").asText())
        .isEqualTo("hold-h1");

    assertThat(
            CliRun.palm(
                    own,
                    "holds",
                    "release",
                    "--pack",
                    PACK,
                    "--hold",
                    "hold-h1",
                    "--as",
                    "ops",
                    "--reason",
                    "verified")
                .exitCode())
        .isZero();
    assertThat(
            CliRun.palm(own, "holds", "cancel", "--pack", PACK, "--operation", "h2", "--as", "ops")
                .exitCode())
        .isZero();
    List<HoldRelease> releases =
        Fixture.readAll(own, own.layout().holdReleases().name(), HoldRelease.class).stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(releases)
        .extracting(HoldRelease::getAction)
        .containsExactly(HoldAction.RELEASE, HoldAction.CANCEL);
    assertThat(releases.get(0).getReason()).isEqualTo("verified");

    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "h1",
        Events.decision(PACK, "h1", Decision.ALLOWED, t0),
        t0);
    Run afterDecision =
        CliRun.palm(own, "holds", "release", "--pack", PACK, "--operation", "h1", "--as", "ops");
    assertThat(afterDecision.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(afterDecision.err())
        .contains("No hold in force for operation h1")
        .contains("hold-h2");
  }

  @Test
  void outcomesAreReported() {
    Run run =
        CliRun.palm(
            config,
            "outcomes",
            "report",
            "--pack",
            PACK,
            "--operation",
            "op-x",
            "--deployment",
            "payments",
            "--status",
            "failed",
            "--as",
            "deployer",
            "--detail",
            "quota",
            "--operation-name",
            "scale",
            "--executed-at",
            "2026-02-01T00:00:00Z");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("reported failed for operation op-x on payments as deployer");
    OperationOutcome outcome =
        Fixture.readAll(config, config.layout().outcomes().name(), OperationOutcome.class).stream()
            .map(ConsumerRecord::value)
            .filter(o -> o.getOperationId().equals("op-x"))
            .findFirst()
            .orElseThrow();
    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.getExecutedBy().getType()).isEqualTo(ActorType.SERVICE);
    assertThat(outcome.getDetail()).isEqualTo("quota");
    assertThat(outcome.getExecutedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void anUnreachableBrokerIsReportedWithExitCodeFour(@TempDir Path dir) throws Exception {
    Path properties = dir.resolve("client.properties");
    Files.writeString(properties, "default.api.timeout.ms=1500\nrequest.timeout.ms=1000\n");

    Run run =
        CliRun.palm(
            "approvals",
            "list",
            "--pack",
            PACK,
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--registry-url",
            config.registryUrl(),
            "--client-config",
            properties.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(run.err()).contains("Kafka at 127.0.0.1:1 did not answer in time");
  }

  private static void awaitOperation(String operationId) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Fixture.readAll(config, config.layout().operations().name(), OperationRequested.class)
          .stream()
          .anyMatch(r -> r.value().getOperationId().equals(operationId))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("operation " + operationId + " never reached the operations topic");
  }
}
