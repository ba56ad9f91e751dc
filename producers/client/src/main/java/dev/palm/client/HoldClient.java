package dev.palm.client;

import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.PolicyDecision;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lists the safety holds in force for a pack (from its decisions topic) and releases or cancels
 * them with a {@code HoldRelease} on {@code palm.holds.releases}: a release lets the evaluation go
 * on (limits, then approval), a cancel denies the operation. The pipeline decides whether the
 * releaser is authorized.
 */
public final class HoldClient implements AutoCloseable {

  /** Which hold a release addresses: by operation id or by hold id. */
  public sealed interface Target {
    /** The hold of an operation. */
    static Target operation(String operationId) {
      return new ByOperation(operationId);
    }

    /** A hold by its id. */
    static Target hold(String holdId) {
      return new ByHold(holdId);
    }

    /** Whether {@code hold} is the one addressed. */
    boolean matches(ActiveHold hold);
  }

  /** The hold of an operation. */
  public record ByOperation(String operationId) implements Target {
    public ByOperation {
      Objects.requireNonNull(operationId, "operationId");
    }

    @Override
    public boolean matches(ActiveHold hold) {
      return hold.operationId().equals(operationId);
    }

    @Override
    public String toString() {
      return "operation " + operationId;
    }
  }

  /** A hold by its id. */
  public record ByHold(String holdId) implements Target {
    public ByHold {
      Objects.requireNonNull(holdId, "holdId");
    }

    @Override
    public boolean matches(ActiveHold hold) {
      return hold.holdId().filter(holdId::equals).isPresent();
    }

    @Override
    public String toString() {
      return "hold " + holdId;
    }
  }

  private final ClientConfig config;
  private final Clock clock;
  private RecordSender<HoldRelease> sender;

  public HoldClient(ClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A client whose releases carry times from {@code clock}. */
  public HoldClient(ClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The holds in force, oldest first: every {@code HELD} decision of the retained decisions topic
   * whose operation has no later decision.
   *
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public List<ActiveHold> holds(String pack) {
    return holds(pack, StartPosition.beginning());
  }

  /** Like {@link #holds(String)}, considering only decisions from {@code from} on. */
  public List<ActiveHold> holds(String pack, StartPosition from) {
    Map<String, PolicyDecision> held = new LinkedHashMap<>();
    for (PolicyDecision decision : new DecisionSubscriber(config).read(pack, from)) {
      if (decision.getKind() != DecisionKind.DECISION) {
        continue; // alerts do not change the standing of a hold
      }
      if (decision.getDecision() == Decision.HELD) {
        held.put(decision.getOperationId(), decision);
      } else {
        held.remove(decision.getOperationId());
      }
    }
    return held.values().stream()
        .map(ActiveHold::of)
        .sorted(Comparator.comparing(ActiveHold::heldAt).thenComparing(ActiveHold::operationId))
        .toList();
  }

  /** Releases the addressed hold: the operation's evaluation continues. */
  public PublishResult release(
      String pack, Target target, Identity releaser, Optional<String> reason) {
    return act(pack, target, releaser, HoldAction.RELEASE, reason);
  }

  /** Cancels the addressed hold: the operation is denied. */
  public PublishResult cancel(
      String pack, Target target, Identity releaser, Optional<String> reason) {
    return act(pack, target, releaser, HoldAction.CANCEL, reason);
  }

  /**
   * Releases or cancels the addressed hold after checking that it is in force.
   *
   * @throws NotPendingException when no hold in force matches, listing those that are
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public PublishResult act(
      String pack, Target target, Identity releaser, HoldAction action, Optional<String> reason) {
    return act(pack, target, releaser, action, reason, Optional.empty());
  }

  /**
   * Releases or cancels the addressed hold, signed with {@code key} when given (packs that require
   * accountability proofs refuse unsigned releases).
   *
   * @throws NotPendingException when no hold in force matches, listing those that are
   * @throws UnknownPackException when the pack has no decisions topic
   */
  public PublishResult act(
      String pack,
      Target target,
      Identity releaser,
      HoldAction action,
      Optional<String> reason,
      Optional<SigningKey> key) {
    Objects.requireNonNull(releaser, "releaser");
    Objects.requireNonNull(action, "action");
    List<ActiveHold> holds = holds(pack);
    ActiveHold hold =
        holds.stream()
            .filter(target::matches)
            .findFirst()
            .orElseThrow(() -> notHeld(pack, target, holds));
    HoldRelease release =
        HoldRelease.newBuilder()
            .setHoldId(hold.holdId().orElse(null))
            .setOperationId(hold.operationId())
            .setPack(pack)
            .setReleasedBy(releaser.toAvro())
            .setAction(action)
            .setReason(reason.orElse(null))
            .setReleasedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .setProof(null)
            .build();
    key.ifPresent(k -> release.setProof(k.sign(release, clock.instant())));
    return sender().send(pack, hold.operationId(), release);
  }

  private synchronized RecordSender<HoldRelease> sender() {
    if (sender == null) {
      sender =
          new RecordSender<>(
              config, config.layout().holdReleases().name(), HoldRelease.class, "holds");
    }
    return sender;
  }

  private static NotPendingException notHeld(String pack, Target target, List<ActiveHold> holds) {
    String inForce =
        holds.isEmpty()
            ? "pack '" + pack + "' has no holds in force"
            : "holds in force in pack '"
                + pack
                + "': "
                + holds.stream()
                    .map(h -> h.holdId().orElse("(no id)") + " (operation " + h.operationId() + ")")
                    .collect(Collectors.joining(", "));
    return new NotPendingException(
        "No hold in force for "
            + target
            + " in pack '"
            + pack
            + "' (released, cancelled or never placed); "
            + inForce);
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
