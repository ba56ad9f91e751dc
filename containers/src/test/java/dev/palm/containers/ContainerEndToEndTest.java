package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ApprovalClient;
import dev.palm.client.ClientConfig;
import dev.palm.client.DecisionSubscriber;
import dev.palm.client.Identity;
import dev.palm.client.Operation;
import dev.palm.client.OperationPublisher;
import dev.palm.client.PublishedOperation;
import dev.palm.client.StartPosition;
import dev.palm.events.Decision;
import dev.palm.events.PolicyDecision;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Broker, registry and pipeline each in its own container: an operation published from the host is
 * decided, approved and audited, and the PALM image's own {@code palm audit} commands read and
 * verify the trail.
 */
@Tag("integration")
@RequiresDocker
class ContainerEndToEndTest {

  private static final String PACK = "mapleverse";

  @Test
  void publishDecideApproveAuditAndVerifyThroughContainers() throws Exception {
    KafkaNode kafka = SharedStack.kafka();
    RegistryNode registry = SharedStack.registry();
    PipelineNode.Settings settings = PipelineNode.Settings.unique("e2e");
    try (PipelineNode palm =
        new PipelineNode(kafka.bootstrapServers(), registry.url(), settings).start()) {
      assertThat(palm.health()).as("GET /health of the pipeline container").isEqualTo(200);
      ClientConfig config = Stacks.client(kafka, registry, settings.topicPrefix());

      // Mapleverse wants a human to scale a deployment past 100 instances
      Operation create =
          Operation.builder(PACK, "create_deployment")
              .operationId("e2e-create")
              .deploymentId("payments")
              .actor("agent-7", "agent")
              .targetReplicas(50)
              .build();
      Operation scale =
          Operation.builder(PACK, "scale")
              .operationId("e2e-scale")
              .deploymentId("payments")
              .actor("agent-7", "agent")
              .targetReplicas(120)
              .build();
      PublishedOperation created;
      PublishedOperation published;
      try (OperationPublisher publisher = new OperationPublisher(config)) {
        created = publisher.publishAndWait(create, Duration.ofSeconds(60));
        published = publisher.publishAndWait(scale, Duration.ofSeconds(60));
      }
      assertThat(created.decision())
          .get()
          .extracting(PolicyDecision::getDecision)
          .isEqualTo(Decision.ALLOWED);
      assertThat(published.decision())
          .get()
          .extracting(PolicyDecision::getDecision)
          .as("%s", published.decision())
          .isEqualTo(Decision.PENDING_APPROVAL);

      try (ApprovalClient approvals = new ApprovalClient(config)) {
        approvals.approve(
            PACK,
            new ApprovalClient.ByOperation("e2e-scale"),
            Identity.human("alice"),
            Optional.of("checked in the container test"));
      }
      Optional<PolicyDecision> last =
          new DecisionSubscriber(config)
              .awaitFinalDecision(
                  PACK, "e2e-scale", StartPosition.beginning(), Duration.ofSeconds(60));
      assertThat(last).get().extracting(PolicyDecision::getDecision).isEqualTo(Decision.ALLOWED);
      assertThat(last.get().getDecidedBy()).isEqualTo("alice");

      PalmCommand.Result query =
          Stacks.palm(
              kafka,
              registry,
              settings.topicPrefix(),
              "audit",
              "query",
              "--pack",
              PACK,
              "--operation",
              "e2e-scale");
      assertThat(query.exitCode()).as(query.output()).isZero();
      assertThat(query.output()).contains("APPROVAL_REQUESTED").contains("APPROVAL_GRANTED");

      PalmCommand.Result verify =
          Stacks.verify(kafka, registry, settings.topicPrefix(), PACK, palm.trustedKey());
      assertThat(verify.exitCode()).as(verify.output()).isZero();
      assertThat(verify.output()).contains("INTACT");
    } finally {
      Docker.removeVolume(settings.volume());
    }
  }
}
