package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.ActorType;
import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationOutcome;
import dev.palm.events.OperationRequested;
import dev.palm.events.OutcomeStatus;
import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The publishing and answering clients against the shared broker and registry; this test plays the
 * pipeline by writing its output topics itself (the end-to-end run with the real topology is {@code
 * PipelineSessionTest}).
 */
@Tag("integration")
class PipelineClientsTest {

  private static final String PACK = "ibank";

  private static ClientConfig config;
  private static Instant t0;

  @BeforeAll
  static void topics() {
    config = Fixture.config("clients");
    Fixture.createTopics(config, PACK, "mapleverse");
    t0 = Fixture.base();
  }

  @Test
  void publishedOperationsAreKeyedByPackAndCarryEveryField() {
    Operation op =
        Operation.builder(PACK, "scale")
            .deploymentId("payments")
            .actor("alice", ActorType.HUMAN)
            .targetReplicas(5)
            .parameter("zone", "eu")
            .build();
    PublishResult result;
    try (OperationPublisher publisher = new OperationPublisher(config)) {
      result = publisher.publish(op);
    }

    assertThat(result.operationId()).isEqualTo(op.operationId());
    assertThat(result.topic()).isEqualTo(config.layout().operations().name());
    List<ConsumerRecord<String, OperationRequested>> records =
        Fixture.readAll(config, result.topic(), OperationRequested.class);
    ConsumerRecord<String, OperationRequested> published =
        records.stream().filter(r -> r.offset() == result.offset()).findFirst().orElseThrow();
    assertThat(published.key()).isEqualTo(PACK);
    assertThat(published.value()).isEqualTo(op.toAvro());
  }

  @Test
  void publishAndWaitReturnsTheDecisionThatFollowsThePublishedOperation() throws Exception {
    String decisions = config.layout().decisions(PACK).name();
    // an older decision about another operation must not be taken for the answer
    Fixture.write(
        config,
        decisions,
        PolicyDecision.class,
        "op-old",
        Events.decision(PACK, "op-old", Decision.DENIED, t0),
        t0);
    Operation op =
        Operation.builder(PACK, "delete_deployment")
            .deploymentId("d")
            .actor("alice", "human")
            .build();

    try (OperationPublisher publisher = new OperationPublisher(config)) {
      CompletableFuture<PublishedOperation> waiting =
          CompletableFuture.supplyAsync(() -> publisher.publishAndWait(op, Duration.ofSeconds(30)));
      // play the pipeline: answer once the operation is on the input topic
      awaitOperation(op.operationId());
      Fixture.write(
          config,
          decisions,
          PolicyDecision.class,
          op.operationId(),
          Events.decision(PACK, op.operationId(), Decision.PENDING_APPROVAL, Instant.now()),
          Instant.now());

      PublishedOperation result = waiting.get(60, TimeUnit.SECONDS);
      assertThat(result.decision())
          .get()
          .extracting(PolicyDecision::getDecision)
          .isEqualTo(Decision.PENDING_APPROVAL);
      assertThat(result.published().operationId()).isEqualTo(op.operationId());
    }
  }

  @Test
  void awaitingFindsPastDecisionsSkipsAlertsAndTimesOutEmpty() {
    String decisions = config.layout().decisions(PACK).name();
    PolicyDecision alert =
        PolicyDecision.newBuilder(Events.decision(PACK, "op-a", Decision.DENIED, t0))
            .setKind(DecisionKind.ALERT)
            .build();
    Fixture.write(config, decisions, PolicyDecision.class, "op-a", alert, t0);
    Fixture.write(
        config,
        decisions,
        PolicyDecision.class,
        "op-a",
        Events.decision(PACK, "op-a", Decision.HELD, t0.plusSeconds(1)),
        t0.plusSeconds(1));
    Fixture.write(
        config,
        decisions,
        PolicyDecision.class,
        "op-a",
        Events.decision(PACK, "op-a", Decision.ALLOWED, t0.plusSeconds(2)),
        t0.plusSeconds(2));
    DecisionSubscriber subscriber = new DecisionSubscriber(config);

    assertThat(subscriber.awaitDecision(PACK, "op-a", Duration.ofSeconds(10)))
        .get()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.HELD);
    assertThat(
            subscriber.awaitFinalDecision(
                PACK, "op-a", StartPosition.beginning(), Duration.ofSeconds(10)))
        .get()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(
            subscriber.awaitDecision(
                PACK, "op-never", StartPosition.beginning(), Duration.ofMillis(300)))
        .isEmpty();
    assertThat(subscriber.read(PACK, StartPosition.at(t0.plusSeconds(1))))
        .extracting(PolicyDecision::getOperationId)
        .contains("op-a")
        .doesNotContain("op-old");
  }

  @Test
  void pendingApprovalsFoldRequestsEscalationsAndResolutions() {
    ClientConfig own = Fixture.config("approvals");
    Fixture.createTopics(own, PACK);
    String topic = own.layout().approvals(PACK).name();
    write(own, topic, Events.approval(PACK, "op-1", ApprovalRequestKind.REQUEST, t0, 0));
    write(
        own,
        topic,
        Events.approval(PACK, "op-2", ApprovalRequestKind.REQUEST, t0.plusSeconds(5), 0));
    write(
        own,
        topic,
        Events.approval(PACK, "op-3", ApprovalRequestKind.REQUEST, t0.plusSeconds(9), 0));
    write(own, topic, Events.approval(PACK, "op-1", ApprovalRequestKind.ESCALATION, t0, 1));
    write(
        own,
        topic,
        Events.approval(PACK, "op-2", ApprovalRequestKind.RESOLVED, t0.plusSeconds(5), 0));

    try (ApprovalClient client = new ApprovalClient(own)) {
      List<PendingApproval> pending = client.pending(PACK);

      assertThat(pending).extracting(PendingApproval::operationId).containsExactly("op-1", "op-3");
      assertThat(pending.get(0).escalationLevel()).isEqualTo(1);
      assertThat(pending.get(0).recipients()).containsExactly("cto");
      assertThat(pending.get(0).justification()).hasValue("decommission");

      PublishResult answered =
          client.approve(
              PACK,
              ApprovalClient.Target.approval("appr-op-3"),
              Identity.human("bob"),
              Optional.of("ok"));
      assertThat(answered.operationId()).isEqualTo("op-3");
      ApprovalResponse response =
          lastValue(own, own.layout().approvalResponses().name(), ApprovalResponse.class);
      assertThat(response.getApprovalId()).isEqualTo("appr-op-3");
      assertThat(response.getOperationId()).isEqualTo("op-3");
      assertThat(response.getApprover().getId()).isEqualTo("bob");
      assertThat(response.getVerdict()).isEqualTo(ApprovalVerdict.APPROVE);
      assertThat(response.getComment()).isEqualTo("ok");

      client.reject(
          PACK, ApprovalClient.Target.operation("op-1"), Identity.human("carol"), Optional.empty());
      ApprovalResponse rejection =
          lastValue(own, own.layout().approvalResponses().name(), ApprovalResponse.class);
      assertThat(rejection.getVerdict()).isEqualTo(ApprovalVerdict.REJECT);
      assertThat(rejection.getApprovalId()).isEqualTo("appr-op-1");

      assertThatThrownBy(
              () ->
                  client.approve(
                      PACK,
                      ApprovalClient.Target.operation("op-2"),
                      Identity.human("bob"),
                      Optional.empty()))
          .isInstanceOf(NotPendingException.class)
          .hasMessageContaining("No open approval request for operation op-2")
          .hasMessageContaining("appr-op-1 (operation op-1)");
    }
  }

  @Test
  void holdsInForceAreHeldDecisionsNotYetFollowedByAnother() {
    ClientConfig own = Fixture.config("holds");
    Fixture.createTopics(own, PACK);
    String topic = own.layout().decisions(PACK).name();
    Fixture.write(
        own, topic, PolicyDecision.class, "h1", Events.decision(PACK, "h1", Decision.HELD, t0), t0);
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "h2",
        Events.decision(PACK, "h2", Decision.HELD, t0.plusSeconds(1)),
        t0.plusSeconds(1));
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "h2",
        Events.decision(PACK, "h2", Decision.PENDING_APPROVAL, t0.plusSeconds(2)),
        t0.plusSeconds(2));
    Fixture.write(
        own,
        topic,
        PolicyDecision.class,
        "h3",
        Events.decision(PACK, "h3", Decision.HELD, t0.plusSeconds(3)),
        t0.plusSeconds(3));

    try (HoldClient client = new HoldClient(own)) {
      assertThat(client.holds(PACK))
          .extracting(ActiveHold::operationId)
          .containsExactly("h1", "h3");

      client.release(
          PACK, HoldClient.Target.hold("hold-h1"), Identity.human("ops"), Optional.of("checked"));
      HoldRelease release = lastValue(own, own.layout().holdReleases().name(), HoldRelease.class);
      assertThat(release.getHoldId()).isEqualTo("hold-h1");
      assertThat(release.getOperationId()).isEqualTo("h1");
      assertThat(release.getAction()).isEqualTo(HoldAction.RELEASE);
      assertThat(release.getReason()).isEqualTo("checked");

      client.cancel(
          PACK, HoldClient.Target.operation("h3"), Identity.human("ops"), Optional.empty());
      assertThat(lastValue(own, own.layout().holdReleases().name(), HoldRelease.class).getAction())
          .isEqualTo(HoldAction.CANCEL);

      assertThatThrownBy(
              () ->
                  client.release(
                      PACK,
                      HoldClient.Target.operation("h2"),
                      Identity.human("ops"),
                      Optional.empty()))
          .isInstanceOf(NotPendingException.class)
          .hasMessageContaining("hold-h1 (operation h1)");
    }
  }

  @Test
  void outcomesArePublishedKeyedByPack() {
    Instant executed = Instant.parse("2026-04-01T08:00:00.250Z");
    try (OutcomeReporter reporter = new OutcomeReporter(config)) {
      reporter.report(
          Outcome.failed(PACK, "op-9", "payments", Identity.service("deployer"), "timeout")
              .withOperation("delete_deployment")
              .withExecutedAt(executed));
    }
    ConsumerRecord<String, OperationOutcome> last =
        lastRecord(config, config.layout().outcomes().name(), OperationOutcome.class);
    assertThat(last.key()).isEqualTo(PACK);
    assertThat(last.value().getStatus()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(last.value().getDetail()).isEqualTo("timeout");
    assertThat(last.value().getOperation()).isEqualTo("delete_deployment");
    assertThat(last.value().getExecutedAt()).isEqualTo(executed);
    assertThat(last.value().getExecutedBy().getType()).isEqualTo(ActorType.SERVICE);
  }

  @Test
  void knownPacksAreThoseWithTopicsUnderThePrefix() {
    assertThat(PackTopics.knownPacks(config)).containsExactly("ibank", "mapleverse");
    assertThatThrownBy(
            () -> new DecisionSubscriber(config).read("finalverse", StartPosition.beginning()))
        .isInstanceOf(UnknownPackException.class)
        .hasMessageContaining("known packs: ibank, mapleverse");
    assertThatThrownBy(() -> new ApprovalClient(Fixture.config("empty")).pending(PACK))
        .isInstanceOf(UnknownPackException.class)
        .hasMessageContaining("no pack has topics under the prefix");
  }

  private static void awaitOperation(String operationId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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

  private static void write(ClientConfig config, String topic, ApprovalRequest request) {
    Fixture.write(
        config,
        topic,
        ApprovalRequest.class,
        request.getApprovalId(),
        request,
        request.getRequestedAt());
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> V lastValue(
      ClientConfig config, String topic, Class<V> type) {
    return lastRecord(config, topic, type).value();
  }

  private static <V extends org.apache.avro.specific.SpecificRecord>
      ConsumerRecord<String, V> lastRecord(ClientConfig config, String topic, Class<V> type) {
    List<ConsumerRecord<String, V>> records = Fixture.readAll(config, topic, type);
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1);
  }
}
