package dev.palm.streams.validity;

import dev.palm.packs.OperationVocabulary;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.SemVer;
import dev.palm.packs.spec.AgentSpec;
import dev.palm.packs.spec.AgentSpecId;
import dev.palm.packs.spec.ResourceRequirements;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.Identities;
import dev.palm.streams.operations.InputBounds;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 1 of the policy (docs/architecture.md §4): whether an operation is well-formed enough to be
 * judged at all. Every problem found is reported, so the requester can fix them in one go.
 */
public final class ValidityCheck {

  private ValidityCheck() {}

  /**
   * The validity problems of {@code op}, which was read in the order of {@code pack} (the record
   * key).
   *
   * @param loadedPacks names of all loaded packs, to tell an unknown pack from a mismatched one
   */
  public static List<Finding> check(
      PlatformPack pack, Set<String> loadedPacks, RequestedOperation op) {
    String packName = pack.metadata().name();
    List<Finding> findings = new java.util.ArrayList<>();
    if (!op.pack().equals(packName)) {
      if (!loadedPacks.contains(op.pack())) {
        findings.add(
            new Finding(
                "validity.pack",
                ReasonCodes.UNKNOWN_PACK,
                "pack '"
                    + op.pack()
                    + "' is not loaded (loaded: "
                    + String.join(", ", loadedPacks.stream().sorted().toList())
                    + "); name a loaded pack"));
      } else {
        findings.add(
            new Finding(
                "validity.pack",
                ReasonCodes.PACK_MISMATCH,
                "the operation names pack '"
                    + op.pack()
                    + "' but was published with key '"
                    + packName
                    + "'; publish it with the pack name as record key"));
      }
    }
    if (op.operationId().isBlank()) {
      findings.add(
          new Finding(
              "validity.operation_id",
              ReasonCodes.OPERATION_ID_MISSING,
              "operation_id is empty; give every operation a unique id (it is the idempotency key)"));
    }
    if (op.operation().isBlank()) {
      findings.add(
          new Finding(
              "validity.operation",
              ReasonCodes.OPERATION_MISSING,
              "operation name is empty; name the operation, e.g. create_deployment"));
    } else {
      OperationVocabulary vocabulary = OperationVocabulary.of(pack.extensions());
      if (!vocabulary.contains(op.operation())) {
        // fail closed: a re-spelled name must not slip past the rules written for the real one
        findings.add(
            new Finding(
                "validity.operation",
                ReasonCodes.UNKNOWN_OPERATION,
                "operation '"
                    + Identities.evidence(op.operation())
                    + "' is not an operation of pack '"
                    + packName
                    + "'"
                    + vocabulary
                        .closest(op.operation())
                        .map(c -> " (did you mean '" + c + "'?)")
                        .orElse("")
                    + "; names are matched exactly: the standard operations and the pack's"
                    + " extensions.operations"));
      }
    }
    if (op.deploymentId().isBlank()) {
      findings.add(
          new Finding(
              "validity.deployment_id",
              ReasonCodes.DEPLOYMENT_ID_MISSING,
              "deployment_id is empty; name the deployment the operation targets"));
    }
    Optional<String> identity = op.actor().identityProblem();
    if (identity.isPresent() && !op.actor().asSent().isEmpty()) {
      findings.add(
          new Finding(
              "validity.actor",
              Identities.isReserved(op.actor().id())
                  ? ReasonCodes.IDENTITY_RESERVED
                  : ReasonCodes.IDENTITY_INVALID,
              "actor: " + identity.get()));
    } else if (!op.actor().isIdentified()) {
      findings.add(
          new Finding(
              "validity.actor",
              ReasonCodes.ACTOR_MISSING,
              op.actor().id().isBlank()
                  ? "the operation has no actor; say who requests it (actor id and type)"
                  : "actor '"
                      + op.actor().id()
                      + "' has an unknown type; use HUMAN, AGENT, SERVICE or SYSTEM"));
    }
    for (String problem : op.inputProblems()) {
      findings.add(
          new Finding(
              "validity.input_bounds",
              ReasonCodes.INPUT_OUT_OF_BOUNDS,
              problem
                  + "; ids may have "
                  + InputBounds.MAX_ID
                  + " characters, free text "
                  + InputBounds.MAX_TEXT
                  + ", an operation "
                  + InputBounds.MAX_PARAMETERS
                  + " parameters, without control characters"));
    }
    negative("target_replicas", op.targetReplicas(), findings);
    negative("instance_count", op.instanceCount(), findings);
    negative("resources.cpu_millicores", op.resources().cpuMillicores(), findings);
    negative("resources.memory_mb", op.resources().memoryMb(), findings);
    negative("resources.storage_mb", op.resources().storageMb(), findings);
    negative("resources.network_kbps", op.resources().networkKbps(), findings);
    op.agentSpec().flatMap(spec -> agentSpecProblem(pack, op, spec)).ifPresent(findings::add);
    return List.copyOf(findings);
  }

  private static void negative(String field, Optional<Integer> value, List<Finding> findings) {
    if (value.isPresent() && value.get() < 0) {
      findings.add(
          new Finding(
              "validity." + field,
              ReasonCodes.INVALID_REQUEST,
              field + " is " + value.get() + "; it must not be negative"));
    }
  }

  private static Optional<Finding> agentSpecProblem(
      PlatformPack pack, RequestedOperation op, RequestedOperation.AgentSpecRef ref) {
    Optional<SemVer> version = SemVer.parse(ref.version() == null ? "" : ref.version());
    if (version.isEmpty()) {
      return Optional.of(
          new Finding(
              "validity.agent_spec",
              ReasonCodes.AGENT_SPEC_REJECTED,
              "agent spec '"
                  + ref.name()
                  + "' has version '"
                  + ref.version()
                  + "', which is not a semantic version (e.g. 1.2.0)"));
    }
    // The summary carries what validateAgentSpec inspects; the rest of the spec takes its defaults,
    // and the
    // spec targets the pack's own platform.
    AgentSpec spec =
        new AgentSpec(
            new AgentSpecId(
                op.agentId()
                    .filter(s -> !s.isBlank())
                    .orElse(op.operationId().isBlank() ? "unnamed" : op.operationId())),
            ref.name(),
            version.get(),
            pack.profile(),
            null,
            new ResourceRequirements(
                ref.attentionBudget(), ref.couplingSlots(), Optional.empty(), Optional.empty()),
            null,
            List.of(),
            Map.of(),
            Map.of(),
            Instant.ofEpochMilli(op.requestedAt()));
    try {
      pack.validateAgentSpec(spec);
      return Optional.empty();
    } catch (PackException e) {
      return Optional.of(
          new Finding(
              "validity.agent_spec",
              ReasonCodes.AGENT_SPEC_REJECTED,
              "pack '"
                  + pack.metadata().name()
                  + "' rejected agent spec '"
                  + ref.name()
                  + "': "
                  + e.getMessage()));
    }
  }
}
