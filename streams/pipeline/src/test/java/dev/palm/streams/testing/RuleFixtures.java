package dev.palm.streams.testing;

import dev.palm.packs.OperationLimits;
import dev.palm.packs.PlatformCapabilities;
import dev.palm.packs.PlatformMetadata;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.PlatformPackConfigBuilder;
import dev.palm.packs.PlatformPolicyConfig;
import dev.palm.packs.PlatformResourceConfig;
import dev.palm.packs.ResourceLimits;
import dev.palm.streams.deployments.DeploymentState;
import dev.palm.streams.deployments.OperationType;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.RequestedOperation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Small builders of requests, deployment states and packs for the pure rule checks' tables. */
public final class RuleFixtures {

  private RuleFixtures() {}

  /** The pack every request of these tables names. */
  public static final String PACK = "rules";

  /** A human requester. */
  public static final ActorRef ALICE = new ActorRef("alice", "human");

  /** A request under construction; every field has a valid default. */
  public static final class Op {
    private String operationId = "op-1";
    private String pack = PACK;
    private final String operation;
    private String deploymentId = "dep-1";
    private ActorRef actor = ALICE;
    private Optional<Integer> targetReplicas = Optional.empty();
    private Optional<Integer> instanceCount = Optional.empty();
    private RequestedOperation.Resources resources = RequestedOperation.Resources.NONE;
    private final Map<String, String> parameters = new HashMap<>();
    private Optional<RequestedOperation.AgentSpecRef> agentSpec = Optional.empty();

    private Op(String operation) {
      this.operation = operation;
    }

    public Op id(String id) {
      this.operationId = id;
      return this;
    }

    public Op pack(String name) {
      this.pack = name;
      return this;
    }

    public Op deployment(String id) {
      this.deploymentId = id;
      return this;
    }

    public Op actor(ActorRef a) {
      this.actor = a;
      return this;
    }

    public Op target(int replicas) {
      this.targetReplicas = Optional.of(replicas);
      return this;
    }

    public Op instances(int count) {
      this.instanceCount = Optional.of(count);
      return this;
    }

    public Op cpu(int millicores) {
      this.resources =
          new RequestedOperation.Resources(
              Optional.of(millicores),
              resources.memoryMb(),
              resources.storageMb(),
              resources.networkKbps());
      return this;
    }

    public Op param(String name, String value) {
      parameters.put(name, value);
      return this;
    }

    public Op agentSpec(String name, String version) {
      return agentSpec(name, version, 1000);
    }

    public Op agentSpec(String name, String version, long attentionBudget) {
      this.agentSpec =
          Optional.of(new RequestedOperation.AgentSpecRef(name, version, attentionBudget, 2));
      return this;
    }

    public RequestedOperation build() {
      return new RequestedOperation(
          operationId,
          pack,
          operation,
          deploymentId,
          Optional.empty(),
          actor,
          Optional.empty(),
          0L,
          targetReplicas,
          instanceCount,
          resources,
          parameters,
          Optional.empty(),
          Optional.empty(),
          agentSpec,
          java.util.List.of(),
          Optional.empty());
    }
  }

  /** A request for {@code operation} with valid defaults. */
  public static Op op(String operation) {
    return new Op(operation);
  }

  /** A deployment {@code dep-1} with {@code replicas} replicas of 100 m CPU and 128 MiB each. */
  public static DeploymentState deployment(int replicas) {
    return deployment(replicas, 100, 1);
  }

  /** A deployment {@code dep-1} with the given replicas, CPU per replica and revision. */
  public static DeploymentState deployment(int replicas, int cpu, long revision) {
    return new DeploymentState(
        "dep-1",
        Optional.empty(),
        replicas,
        cpu,
        128,
        0,
        0,
        revision,
        1,
        Optional.empty(),
        0L,
        0L,
        "op-0",
        "create_deployment");
  }

  /** The transition of an operation of {@code type} from {@code before} to {@code after}. */
  public static Transition transition(
      String type, Optional<DeploymentState> before, Optional<DeploymentState> after) {
    return new Transition(OperationType.of(type), before, after);
  }

  /** The transition of a modelled operation that changes {@code from} replicas to {@code to}. */
  public static Transition rescale(String type, int from, int to) {
    return transition(type, Optional.of(deployment(from)), Optional.of(deployment(to)));
  }

  /** A pack named {@link #PACK} with the defaults, changed by the given edits. */
  public static PlatformPack pack(UnaryOperator<PlatformPackConfigBuilder> edit) {
    return edit.apply(
            PlatformPackConfig.defaults().toBuilder()
                .metadata(PlatformMetadata.defaults().toBuilder().name(PACK).build()))
        .build()
        .toPack();
  }

  /** A pack with the given operation limits and capabilities and no resource limits. */
  public static PlatformPack limited(OperationLimits limits, PlatformCapabilities caps) {
    return limited(limits, caps, unlimitedResources());
  }

  /** A pack with the given operation limits, capabilities and resource limits. */
  public static PlatformPack limited(
      OperationLimits limits, PlatformCapabilities caps, ResourceLimits resources) {
    return pack(
        b ->
            b.policy(PlatformPolicyConfig.defaults().toBuilder().limits(limits).build())
                .capabilities(caps)
                .resources(
                    PlatformResourceConfig.defaultConfig().toBuilder().limits(resources).build()));
  }

  /** Resource limits no request of these tables reaches. */
  public static ResourceLimits unlimitedResources() {
    int big = Integer.MAX_VALUE / 4;
    return new ResourceLimits(big, big, big, big, big, big, 1.0);
  }
}
