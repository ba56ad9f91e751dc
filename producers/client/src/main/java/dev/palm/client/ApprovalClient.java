package dev.palm.client;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.ApprovalVerdict;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists the open approval requests of a pack (from {@code palm.<pack>.approvals}) and answers them:
 * approve or reject with the approver's identity and a comment, published as an {@code
 * ApprovalResponse} to {@code palm.approvals.responses}. The pipeline decides whether the approver
 * is authorized.
 */
public final class ApprovalClient implements AutoCloseable {

  /** Which request an answer addresses: by operation id or by approval id. */
  public sealed interface Target {
    /** The pending request of an operation. */
    static Target operation(String operationId) {
      return new ByOperation(operationId);
    }

    /** A request by its approval id. */
    static Target approval(String approvalId) {
      return new ByApproval(approvalId);
    }

    /** Whether {@code pending} is the request addressed. */
    boolean matches(PendingApproval pending);
  }

  /** The pending request of an operation. */
  public record ByOperation(String operationId) implements Target {
    public ByOperation {
      Objects.requireNonNull(operationId, "operationId");
    }

    @Override
    public boolean matches(PendingApproval pending) {
      return pending.operationId().equals(operationId);
    }

    @Override
    public String toString() {
      return "operation " + operationId;
    }
  }

  /** A request by its approval id. */
  public record ByApproval(String approvalId) implements Target {
    public ByApproval {
      Objects.requireNonNull(approvalId, "approvalId");
    }

    @Override
    public boolean matches(PendingApproval pending) {
      return pending.approvalId().equals(approvalId);
    }

    @Override
    public String toString() {
      return "approval " + approvalId;
    }
  }

  private final ClientConfig config;
  private final Clock clock;
  private RecordSender<ApprovalResponse> sender;

  public ApprovalClient(ClientConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A client whose responses carry times from {@code clock}. */
  public ApprovalClient(ClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The open approval requests of a pack, oldest first: every request of the approvals topic that
   * has no {@code RESOLVED} record yet, as its latest request or escalation describes it.
   *
   * @throws UnknownPackException when the pack has no approvals topic
   */
  public List<PendingApproval> pending(String pack) {
    Map<String, ApprovalRequest> open = new LinkedHashMap<>();
    Set<String> resolved = new HashSet<>();
    try (TopicReader<ApprovalRequest> reader =
        TopicReader.open(
            config, config.layout().approvals(pack), StartPosition.beginning(), "approvals")) {
      reader.readToSnapshotEnd(
          item -> {
            if (item instanceof TopicReader.Value<ApprovalRequest> value) {
              ApprovalRequest request = value.value();
              String id = request.getApprovalId();
              if (request.getKind() == ApprovalRequestKind.RESOLVED) {
                resolved.add(id);
                open.remove(id);
              } else if (!resolved.contains(id)) {
                open.put(id, request);
              }
            }
            return true;
          });
    }
    return open.values().stream()
        .map(PendingApproval::of)
        .sorted(
            Comparator.comparing(PendingApproval::requestedAt)
                .thenComparing(PendingApproval::approvalId))
        .toList();
  }

  /** The open request {@code target} addresses, if any. */
  public Optional<PendingApproval> find(String pack, Target target) {
    return pending(pack).stream().filter(target::matches).findFirst();
  }

  /** Approves the addressed request as {@code approver}. */
  public PublishResult approve(
      String pack, Target target, Identity approver, Optional<String> comment) {
    return respond(pack, target, approver, ApprovalVerdict.APPROVE, comment);
  }

  /** Rejects the addressed request as {@code approver}. */
  public PublishResult reject(
      String pack, Target target, Identity approver, Optional<String> comment) {
    return respond(pack, target, approver, ApprovalVerdict.REJECT, comment);
  }

  /**
   * Answers the addressed request after checking that it is open, naming both its approval id and
   * its operation id in the response.
   *
   * @throws NotPendingException when no open request matches, listing the open ones
   * @throws UnknownPackException when the pack has no approvals topic
   */
  public PublishResult respond(
      String pack,
      Target target,
      Identity approver,
      ApprovalVerdict verdict,
      Optional<String> comment) {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(verdict, "verdict");
    return respondTo(require(pack, target), approver, verdict, comment);
  }

  /**
   * The open request {@code target} addresses.
   *
   * @throws NotPendingException when no open request matches, listing the open ones
   * @throws UnknownPackException when the pack has no approvals topic
   */
  public PendingApproval require(String pack, Target target) {
    List<PendingApproval> pending = pending(pack);
    return pending.stream()
        .filter(target::matches)
        .findFirst()
        .orElseThrow(() -> notPending(pack, target, pending));
  }

  /** Answers an open request found before (by {@link #pending} or {@link #require}), unsigned. */
  public PublishResult respondTo(
      PendingApproval request,
      Identity approver,
      ApprovalVerdict verdict,
      Optional<String> comment) {
    return respondTo(request, approver, verdict, comment, Optional.empty());
  }

  /**
   * Answers an open request found before, signed with {@code key} when given (packs that require
   * accountability proofs refuse unsigned answers).
   */
  public PublishResult respondTo(
      PendingApproval request,
      Identity approver,
      ApprovalVerdict verdict,
      Optional<String> comment,
      Optional<SigningKey> key) {
    ApprovalResponse response =
        ApprovalResponse.newBuilder()
            .setApprovalId(request.approvalId())
            .setOperationId(request.operationId())
            .setPack(request.pack())
            .setApprover(approver.toAvro())
            .setVerdict(verdict)
            .setComment(comment.orElse(null))
            .setRespondedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .setProof(null)
            .build();
    key.ifPresent(k -> response.setProof(k.sign(response, clock.instant())));
    return sender().send(request.pack(), request.operationId(), response);
  }

  private synchronized RecordSender<ApprovalResponse> sender() {
    if (sender == null) {
      sender =
          new RecordSender<>(
              config,
              config.layout().approvalResponses().name(),
              ApprovalResponse.class,
              "approvals");
    }
    return sender;
  }

  private static NotPendingException notPending(
      String pack, Target target, List<PendingApproval> pending) {
    String open =
        pending.isEmpty()
            ? "pack '" + pack + "' has no open approval requests"
            : "open requests of pack '"
                + pack
                + "': "
                + pending.stream()
                    .map(p -> p.approvalId() + " (operation " + p.operationId() + ")")
                    .collect(Collectors.joining(", "));
    return new NotPendingException(
        "No open approval request for "
            + target
            + " in pack '"
            + pack
            + "' (answered, expired or never opened); "
            + open);
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
