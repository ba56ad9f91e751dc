package dev.palm.cli.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.cli.ExitCode;
import dev.palm.client.ClientConfig;
import dev.palm.client.Identity;
import dev.palm.client.Operation;
import dev.palm.client.OperationPublisher;
import dev.palm.client.PackTopics;
import dev.palm.client.PublishResult;
import dev.palm.client.PublishedOperation;
import dev.palm.client.UnknownPackException;
import dev.palm.events.PolicyDecision;
import dev.palm.wire.AvroJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palm publish}: publishes one operation to {@code palm.operations}, optionally waiting for
 * its decision.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publish an operation for the pipeline to decide on (to <prefix>.operations, keyed by pack).",
      "The operation id is a new UUID unless --operation-id is given; the requested time is now unless"
          + " --requested-at is given. With --wait, waits for the first decision and prints it.",
      "",
      "Example:",
      "  palm publish --pack ibank --operation delete_deployment \\",
      "      --deployment payments-eu --actor alice --wait"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published (and, with --wait, a decision arrived)",
      "2:bad flags",
      "3:unknown pack (no topics for it on the cluster)",
      "4:Kafka or the schema registry unavailable",
      "5:--wait ran out before a decision arrived"
    })
public final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Mixin SigningKeyOption signingKey;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose policy applies.")
  String pack;

  @Option(
      names = "--operation",
      required = true,
      paramLabel = "NAME",
      description =
          "Operation name, e.g. create_deployment, scale, delete_deployment, restart, migrate.")
  String operation;

  @Option(
      names = "--deployment",
      required = true,
      paramLabel = "ID",
      description = "Deployment the operation targets.")
  String deployment;

  @Option(
      names = "--actor",
      paramLabel = "ID",
      description = "Who requests it (an operation without actor is denied).")
  Optional<String> actor = Optional.empty();

  @Option(
      names = "--actor-type",
      paramLabel = "TYPE",
      defaultValue = "human",
      description = "human, agent, service or system. Default: ${DEFAULT-VALUE}.")
  String actorType;

  @Option(names = "--agent", paramLabel = "ID", description = "Agent the deployment runs.")
  Optional<String> agent = Optional.empty();

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description = "Environment, e.g. production.")
  Optional<String> environment = Optional.empty();

  @Option(
      names = "--target-replicas",
      paramLabel = "N",
      description = "Replica count after the operation.")
  Optional<Integer> targetReplicas = Optional.empty();

  @Option(
      names = "--instance-count",
      paramLabel = "N",
      description = "Instances involved (to create, or the delta of scale_up/scale_down).")
  Optional<Integer> instanceCount = Optional.empty();

  @Option(names = "--cpu-millicores", paramLabel = "N", description = "CPU per instance.")
  Optional<Integer> cpu = Optional.empty();

  @Option(names = "--memory-mb", paramLabel = "N", description = "Memory per instance (MiB).")
  Optional<Integer> memory = Optional.empty();

  @Option(names = "--storage-mb", paramLabel = "N", description = "Storage per instance (MiB).")
  Optional<Integer> storage = Optional.empty();

  @Option(
      names = "--network-kbps",
      paramLabel = "N",
      description = "Network bandwidth per instance (kbit/s).")
  Optional<Integer> network = Optional.empty();

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = "A free parameter, e.g. target_node=n2 (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--justification", paramLabel = "TEXT", description = "Why; shown to approvers.")
  Optional<String> justification = Optional.empty();

  @Option(names = "--trace-id", paramLabel = "ID", description = "Distributed-tracing id.")
  Optional<String> traceId = Optional.empty();

  @Option(
      names = "--operation-id",
      paramLabel = "ID",
      description = "Idempotency key. Default: a new UUID.")
  Optional<String> operationId = Optional.empty();

  @Option(
      names = "--requested-at",
      paramLabel = "TIME",
      converter = TimeArgument.class,
      description = "When it was requested. Default: now. Forms: " + TimeArgument.FORMS + ".")
  Optional<Instant> requestedAt = Optional.empty();

  @ArgGroup(exclusive = false, heading = "%nAgent specification (all four together):%n")
  AgentSpecOptions agentSpec;

  @ArgGroup(exclusive = false, heading = "%nAccountability proof:%n")
  ProofOptions proof;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      arity = "0..1",
      fallbackValue = "30s",
      converter = DurationArgument.class,
      description =
          "Wait for the first decision and print it (default 30s when given without a value).")
  Optional<Duration> waitFor = Optional.empty();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or jsonl. Default: ${DEFAULT-VALUE}.")
  Rendering.Format format;

  @Option(
      names = "--skip-pack-check",
      description =
          "Publish even if the pack has no topics on the cluster (a pipeline that does not load it"
              + " sends the record to its dead-letter topic).")
  boolean skipPackCheck;

  /** The agent specification flags. */
  static final class AgentSpecOptions {
    @Option(
        names = "--agent-name",
        required = true,
        paramLabel = "NAME",
        description = "Agent name.")
    String name;

    @Option(
        names = "--agent-version",
        required = true,
        paramLabel = "SEMVER",
        description = "Agent version.")
    String version;

    @Option(
        names = "--attention-budget",
        required = true,
        paramLabel = "N",
        description = "Attention budget.")
    long attentionBudget;

    @Option(
        names = "--coupling-slots",
        required = true,
        paramLabel = "N",
        description = "Coupling slots.")
    int couplingSlots;
  }

  /** The accountability proof flags. */
  static final class ProofOptions {
    @Option(
        names = "--proof-key-id",
        required = true,
        paramLabel = "ID",
        description = "Registered key id.")
    String keyId;

    @Option(
        names = "--proof-signature",
        required = true,
        paramLabel = "BASE64",
        description = "Signature.")
    String signature;

    @Option(
        names = "--proof-algorithm",
        paramLabel = "ALG",
        defaultValue = "ed25519",
        description = "Signature algorithm. Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(
        names = "--proof-signed-at",
        paramLabel = "TIME",
        converter = TimeArgument.class,
        description = "When it was signed. Default: now.")
    Optional<Instant> signedAt = Optional.empty();
  }

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::publish);
  }

  private int publish() {
    DecisionWait.checkWait(spec, waitFor);
    Operation op = operation();
    ClientConfig config = connection.config();
    PrintWriter out = spec.commandLine().getOut();
    if (!skipPackCheck) {
      List<String> known = PackTopics.knownPacks(config);
      if (!known.contains(pack)) {
        throw new UnknownPackException(
            pack, config.layout().decisions(pack).name(), known, config.topicPrefix());
      }
    }
    try (OperationPublisher publisher = new OperationPublisher(config)) {
      if (waitFor.isEmpty()) {
        PublishResult result = publisher.publish(op);
        print(out, result, Optional.empty(), false);
        return ExitCode.OK.code();
      }
      PublishedOperation published = publisher.publishAndWait(op, waitFor.get());
      print(out, published.published(), published.decision(), true);
      if (published.decision().isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                spec.qualifiedName()
                    + ": no decision about operation "
                    + op.operationId()
                    + " within "
                    + waitFor.get().toSeconds()
                    + " s; is the pipeline running? Follow it with: palm decisions tail"
                    + " --pack "
                    + pack
                    + " --operation "
                    + op.operationId()
                    + " --follow");
        return ExitCode.NO_DECISION.code();
      }
      return ExitCode.OK.code();
    }
  }

  private void print(
      PrintWriter out, PublishResult result, Optional<PolicyDecision> decision, boolean waited) {
    if (format == Rendering.Format.JSONL) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.set("published", Rendering.publishJson(result));
      if (waited) {
        node.set(
            "decision",
            decision
                .<com.fasterxml.jackson.databind.JsonNode>map(AvroJson::toJson)
                .orElse(JsonNodeFactory.instance.nullNode()));
      }
      out.println(AvroJson.toJsonLine(node));
      return;
    }
    out.println(
        "published operation "
            + result.operationId()
            + " ("
            + operation
            + " on "
            + deployment
            + ", pack "
            + pack
            + ") at "
            + result.position());
    decision.ifPresent(d -> out.println(Rendering.decisionDetail(d)));
  }

  private Operation operation() {
    Operation.Builder builder =
        Operation.builder(pack, operation).deploymentId(deployment).parameters(parameters);
    actor.ifPresent(id -> builder.actor(Identity.of(id, actorType)));
    agent.ifPresent(builder::agentId);
    environment.ifPresent(builder::environment);
    targetReplicas.ifPresent(builder::targetReplicas);
    instanceCount.ifPresent(builder::instanceCount);
    Operation.Resources resources = Operation.Resources.defaults();
    if (cpu.isPresent()) {
      resources = resources.withCpuMillicores(cpu.get());
    }
    if (memory.isPresent()) {
      resources = resources.withMemoryMb(memory.get());
    }
    if (storage.isPresent()) {
      resources = resources.withStorageMb(storage.get());
    }
    if (network.isPresent()) {
      resources = resources.withNetworkKbps(network.get());
    }
    builder.resources(resources);
    justification.ifPresent(builder::justification);
    traceId.ifPresent(builder::traceId);
    operationId.ifPresent(builder::operationId);
    requestedAt.ifPresent(builder::requestedAt);
    if (agentSpec != null) {
      builder.agentSpec(
          new Operation.AgentSpec(
              agentSpec.name,
              agentSpec.version,
              agentSpec.attentionBudget,
              agentSpec.couplingSlots));
    }
    if (proof != null) {
      builder.proof(
          new Operation.Proof(
              proof.keyId,
              proof.algorithm,
              proof.signature,
              proof.signedAt.orElseGet(Instant::now)));
    }
    Optional<dev.palm.client.SigningKey> key = signingKey.load();
    if (key.isPresent() && proof != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give either --key (to sign here) or a ready proof, not both");
    }
    Operation built = builder.build();
    return key.map(k -> built.signedWith(k, Instant.now())).orElse(built);
  }
}
