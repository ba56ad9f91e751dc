package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.Decision;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.registry.RegistryUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A schema registry outage is not the input's fault: the input never goes to the dead-letter topic,
 * leaves no effect, and the stream thread ends for a replay ({@code OutageException}) once the
 * in-place retries are used up. After the outage the same input is decided normally.
 */
class RegistryOutageTest {

  /**
   * What ends the stream thread: an outage, not a failed record (the service replaces the thread).
   */
  private static void isOutage(Throwable e) {
    assertThat(RegistryUnavailableException.isCause(e)).as("caused by an outage: " + e).isTrue();
    boolean ended = false;
    for (Throwable c = e; c != null; c = c.getCause()) {
      ended |= c instanceof dev.palm.streams.dlq.OutageException;
    }
    assertThat(ended).as("ends the thread with an OutageException").isTrue();
  }

  private final OutageSerdes serdes = new OutageSerdes();
  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anInputThatCannotBeDecodedDuringAnOutageWaitsAndIsDecidedAfterwards() {
    h = new PolicyHarness(CanonicalPack.all(), new PolicyOptions(Duration.ofHours(1)), serdes);
    OperationRequested op = h.op("ibank", "create_deployment", "dep-1").replicas(2).build();

    serdes.decodeDown.set(true);
    assertThatThrownBy(() -> h.send(op)).satisfies(RegistryOutageTest::isOutage);
    assertThat(serdes.failures.get()).as("retried in place before giving up").isGreaterThan(1);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.decisions("ibank")).isEmpty();
    assertThat(h.audit("ibank")).isEmpty();

    serdes.decodeDown.set(false);
    // the replacement thread replays the record from the committed offset; here the test replays it
    PolicyDecision decided = h.decide(op);
    assertThat(decided.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void anOutputThatCannotBeSerializedLeavesNoStateBehindAndNothingInTheDeadLetterTopic() {
    h = new PolicyHarness(CanonicalPack.all(), new PolicyOptions(Duration.ofHours(1)), serdes);
    OperationRequested op = h.op("ibank", "create_deployment", "dep-1").replicas(2).build();
    var before = h.policyState();

    serdes.encodeType =
        ApprovalRequest.class; // the decision and audit records encode; the request does not
    serdes.encodeDown.set(true);
    assertThatThrownBy(() -> h.send(op)).satisfies(RegistryOutageTest::isOutage);

    assertThat(h.policyState())
        .as("no pending approval, no audit head, no operation entry")
        .isEqualTo(before);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.decisions("ibank")).isEmpty();
    assertThat(h.audit("ibank")).isEmpty();
    assertThat(h.approvalRequests("ibank")).isEmpty();

    serdes.encodeDown.set(false);
    assertThat(h.decide(op).getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    assertThat(h.approvalRequests("ibank"))
        .singleElement()
        .extracting(ApprovalRequest::getOperationId)
        .isEqualTo(op.getOperationId());
    List<PolicyDecision> approved = h.approve("ibank", op.getOperationId(), "bob");
    assertThat(approved)
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void aTimerThatCannotWriteDuringAnOutageIsNotDeadLetteredAndFiresAfterTheReplay() {
    PolicyOptions options = new PolicyOptions(Duration.ofSeconds(1));
    h = new PolicyHarness(CanonicalPack.all(), options, serdes);
    OperationRequested op = h.op("ibank", "create_deployment", "dep-1").replicas(2).build();
    assertThat(h.decide(op).getDecision()).isEqualTo(Decision.PENDING_APPROVAL);

    serdes.encodeType = null;
    serdes.encodeDown.set(true);
    // iBank's escalations and approval timeout (one day) pass: nothing can be written while the
    // registry is away
    assertThatThrownBy(() -> h.advance(Duration.ofHours(25)))
        .satisfies(RegistryOutageTest::isOutage);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.decisionsOf("ibank", op.getOperationId()))
        .extracting(PolicyDecision::getDecision)
        .containsExactly(Decision.PENDING_APPROVAL);

    // the replacement thread rebuilds the stores from their changelogs: the aborted expiry left
    // nothing there
    var changelogs = h.policyState();
    try (PolicyHarness revived = new PolicyHarness(CanonicalPack.all(), options)) {
      revived.restore(changelogs);
      revived.advance(Duration.ofHours(25));
      assertThat(revived.decisionsOf("ibank", op.getOperationId()))
          .extracting(PolicyDecision::getDecision)
          .containsExactly(Decision.DENIED);
      assertThat(revived.deadLetters()).isEmpty();
    }
  }
}
