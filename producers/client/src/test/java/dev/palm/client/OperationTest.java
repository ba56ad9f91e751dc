package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.ActorType;
import dev.palm.events.OperationRequested;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationTest {

  private static final Instant T = Instant.parse("2026-05-01T10:15:30.123456Z");

  @Test
  void builderFillsOperationIdAndRequestedTimeWhenAbsent() {
    Operation op =
        Operation.builder("ibank", "delete_deployment")
            .deploymentId("payments")
            .actor("alice", ActorType.HUMAN)
            .clock(Clock.fixed(T, ZoneOffset.UTC))
            .build();

    assertThat(UUID.fromString(op.operationId())).isNotNull();
    assertThat(op.requestedAt()).isEqualTo(Instant.parse("2026-05-01T10:15:30.123Z"));
    assertThat(Operation.builder("ibank", "x").build().operationId())
        .isNotEqualTo(op.operationId());
  }

  @Test
  void everyFieldReachesTheAvroEvent() {
    Operation op =
        Operation.builder("mapleverse", "scale")
            .operationId("op-1")
            .deploymentId("world-7")
            .agentId("agent-3")
            .actor("svc-scaler", "service")
            .environment("production")
            .requestedAt(T)
            .targetReplicas(12)
            .instanceCount(4)
            .resources(Operation.Resources.defaults().withCpuMillicores(500).withMemoryMb(1024))
            .parameter("zone", "eu-1")
            .parameters(Map.of("reason", "load"))
            .justification("evening peak")
            .traceId("trace-9")
            .agentSpec(new Operation.AgentSpec("resonator", "1.2.0", 100, 3))
            .proof(new Operation.Proof("key-1", "ed25519", "c2ln", T))
            .build();

    OperationRequested avro = op.toAvro();

    assertThat(avro.getOperationId()).isEqualTo("op-1");
    assertThat(avro.getPack()).isEqualTo("mapleverse");
    assertThat(avro.getOperation()).isEqualTo("scale");
    assertThat(avro.getDeploymentId()).isEqualTo("world-7");
    assertThat(avro.getAgentId()).isEqualTo("agent-3");
    assertThat(avro.getActor().getId()).isEqualTo("svc-scaler");
    assertThat(avro.getActor().getType()).isEqualTo(ActorType.SERVICE);
    assertThat(avro.getEnvironment()).isEqualTo("production");
    assertThat(avro.getRequestedAt()).isEqualTo(Instant.parse("2026-05-01T10:15:30.123Z"));
    assertThat(avro.getTargetReplicas()).isEqualTo(12);
    assertThat(avro.getInstanceCount()).isEqualTo(4);
    assertThat(avro.getResources().getCpuMillicores()).isEqualTo(500);
    assertThat(avro.getResources().getMemoryMb()).isEqualTo(1024);
    assertThat(avro.getResources().getStorageMb()).isNull();
    assertThat(avro.getParameters()).containsEntry("zone", "eu-1").containsEntry("reason", "load");
    assertThat(avro.getJustification()).isEqualTo("evening peak");
    assertThat(avro.getTraceId()).isEqualTo("trace-9");
    assertThat(avro.getAgentSpec().getName()).isEqualTo("resonator");
    assertThat(avro.getAgentSpec().getCouplingSlots()).isEqualTo(3);
    assertThat(avro.getProof().getKeyId()).isEqualTo("key-1");
    assertThat(avro.getProof().getSignature()).isEqualTo("c2ln");
  }

  @Test
  void absentOptionalFieldsAreNullInAvro() {
    OperationRequested avro =
        Operation.builder("ibank", "restart").deploymentId("d").build().toAvro();

    assertThat(avro.getActor()).isNull();
    assertThat(avro.getAgentId()).isNull();
    assertThat(avro.getResources()).isNull();
    assertThat(avro.getProof()).isNull();
    assertThat(avro.getAgentSpec()).isNull();
    assertThat(avro.getParameters()).isEmpty();
  }

  @Test
  void invalidValuesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> Operation.builder(" ", "scale").build()).hasMessageContaining("pack");
    assertThatThrownBy(() -> Operation.builder("ibank", "scale").actor("bob", "robot"))
        .hasMessageContaining("robot")
        .hasMessageContaining("human, agent, service, system");
    assertThatThrownBy(() -> Operation.Resources.defaults().withMemoryMb(-1))
        .hasMessageContaining("memory");
  }
}
