package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.spec.AgentSpec;
import dev.palm.streams.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records that cannot be read or processed go to the dead-letter topic, and processing goes on. */
class DeadLetterTest {

  private static final byte[] POISON =
      "\u0000\u0001definitely not avro".getBytes(StandardCharsets.UTF_8);

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "palm.operations",
        "palm.approvals.responses",
        "palm.approvals.grants",
        "palm.holds.releases"
      })
  void aPoisonPillOnEveryInputTopicGoesToTheDeadLetterTopicAndLaterRecordsAreDecided(String topic) {
    h = new PolicyHarness(CanonicalPack.all());
    h.establish("ibank", "dep-1", 3);
    PolicyDecision held = h.decide(h.op("ibank", "rollback", "dep-1").build());
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-2").replicas(3).build());

    h.sendRaw(topic, "ibank".getBytes(StandardCharsets.UTF_8), POISON);

    List<TestRecord<byte[], byte[]>> letters = h.deadLetters();
    assertThat(letters)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.value()).isEqualTo(POISON);
              assertThat(letter.key()).isEqualTo("ibank".getBytes(StandardCharsets.UTF_8));
              Headers headers = letter.headers();
              assertThat(DeadLetters.header(headers, DeadLetters.TOPIC)).isEqualTo(topic);
              assertThat(DeadLetters.header(headers, DeadLetters.PARTITION)).isEqualTo("0");
              assertThat(DeadLetters.header(headers, DeadLetters.OFFSET)).matches("\\d+");
              assertThat(DeadLetters.header(headers, DeadLetters.REASON))
                  .startsWith("value does not deserialize");
              assertThat(DeadLetters.header(headers, DeadLetters.EXCEPTION))
                  .contains("SerializationException");
            });

    // Later records on every input are still decided.
    assertThat(h.decide(h.op("ibank", "restart", "dep-1").build()).getDecision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(h.approve("ibank", pending.getOperationId(), "bob"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
    assertThat(h.release("ibank", held.getOperationId(), "bob", ActorType.HUMAN, HoldAction.CANCEL))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.DENIED);
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  @Test
  void recordsWithoutKeyOrValueGoToTheDeadLetterTopic() {
    h = new PolicyHarness(CanonicalPack.all());
    byte[] valid = h.bytesOf(h.op("ibank", "restart", "dep-1").build());

    h.sendRaw("palm.operations", null, valid);
    h.sendRaw("palm.operations", "ibank".getBytes(StandardCharsets.UTF_8), null);

    assertThat(h.deadLetters())
        .extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
        .satisfiesExactly(
            r -> assertThat(r).startsWith("record has no key"),
            r -> assertThat(r).startsWith("record has no value"));
    assertThat(h.deadLetters().get(0).value()).isEqualTo(valid);
    assertThat(h.decisions("ibank")).isEmpty();
  }

  @Test
  void aProcessingFailureLeavesNoEffectAndTheNextRecordIsDecided() {
    PlatformPack fragile = new Fragile(IBankPack.presetConfig());
    h = new PolicyHarness(List.of(fragile));

    List<PolicyDecision> out =
        h.send(
            h.op("ibank", "create_deployment", "dep-1")
                .replicas(3)
                .spec("boom", "1.0.0", 10, 10)
                .build());

    assertThat(out).isEmpty();
    assertThat(h.audit("ibank")).isEmpty();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                  .contains("processing failed for pack 'ibank'")
                  .contains("validator crashed");
              assertThat(DeadLetters.header(letter.headers(), DeadLetters.EXCEPTION))
                  .startsWith(IllegalStateException.class.getName());
            });

    PolicyDecision next = h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    assertThat(next.getDecision()).isEqualTo(Decision.PENDING_APPROVAL);
    // The failed input wrote nothing: the chain starts at 0 with the next input's pre-audit record.
    assertThat(h.auditRecord("ibank", 0).getEventType())
        .isEqualTo(AuditEventType.OPERATION_RECEIVED);
    assertThat(h.auditRecord("ibank", 0).getOperationId()).isEqualTo(next.getOperationId());
    assertThat(h.verifyChain("ibank").intact()).isTrue();
  }

  /** iBank with a validator that crashes (a bug, not a rejection) for specs named "boom". */
  static final class Fragile implements PlatformPack {
    private final PlatformPack delegate;

    Fragile(PlatformPackConfig config) {
      this.delegate = config.toPack();
    }

    @Override
    public void validateAgentSpec(AgentSpec spec) throws PackException {
      if (spec.name().equals("boom")) {
        throw new IllegalStateException("validator crashed");
      }
      delegate.validateAgentSpec(spec);
    }

    @Override
    public dev.palm.packs.PlatformProfile profile() {
      return delegate.profile();
    }

    @Override
    public dev.palm.packs.PlatformMetadata metadata() {
      return delegate.metadata();
    }

    @Override
    public dev.palm.packs.PlatformPolicyConfig policyConfig() {
      return delegate.policyConfig();
    }

    @Override
    public dev.palm.packs.PlatformHealthConfig healthConfig() {
      return delegate.healthConfig();
    }

    @Override
    public dev.palm.packs.PlatformStateConfig stateConfig() {
      return delegate.stateConfig();
    }

    @Override
    public dev.palm.packs.PlatformResourceConfig resourceConfig() {
      return delegate.resourceConfig();
    }

    @Override
    public dev.palm.packs.PlatformRecoveryConfig recoveryConfig() {
      return delegate.recoveryConfig();
    }

    @Override
    public dev.palm.packs.PlatformCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public dev.palm.packs.PackExtensions extensions() {
      return delegate.extensions();
    }
  }
}
