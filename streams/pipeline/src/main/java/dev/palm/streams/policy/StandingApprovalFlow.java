package dev.palm.streams.policy;

import dev.palm.events.AuditEventType;
import dev.palm.events.GrantAction;
import dev.palm.events.StandingApproval;
import dev.palm.packs.HumanApprovalConfig;
import dev.palm.packs.OperationVocabulary;
import dev.palm.packs.PackExtensions;
import dev.palm.streams.approvals.StandingGrant;
import dev.palm.streams.deployments.Transition;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.AuthorizedActors;
import dev.palm.streams.operations.Finding;
import dev.palm.streams.operations.InputBounds;
import dev.palm.streams.operations.Messages;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.streams.operations.RequestedOperation;
import dev.palm.streams.validity.ProofCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Standing approvals ({@code human_approval.allow_auto_approval}, docs/decisions.md §5): a human
 * who may approve grants a scoped, time-limited approval (operation names, optionally deployments,
 * a number of uses, an expiry; signed where the pack requires proofs); later requests in its scope
 * that need one approval are approved by it, each use audited with the grant's id; the grantor's
 * own requests never are; a human who may approve revokes it. Grants, uses and revocations are
 * audited; refused ones too, with the detail {@code refused}.
 */
final class StandingApprovalFlow {

  /** Rule id of standing approvals. */
  static final String RULE = "human_approval.allow_auto_approval";

  /** The most uses one grant may have. */
  static final int MAX_USES = 1000;

  private final DecisionWriter writer;

  StandingApprovalFlow(DecisionWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** A grant or revocation from {@code palm.approvals.grants}. */
  void onGrant(Step s, StandingApproval event) {
    ActorRef grantor = ActorRef.of(event.getGrantedBy());
    InputBounds bounds = new InputBounds();
    String grantId = Objects.requireNonNullElse(bounds.id("grant_id", event.getGrantId()), "");
    boolean revoke = event.getAction() != GrantAction.GRANT;
    AuditEventType type =
        revoke
            ? AuditEventType.STANDING_APPROVAL_REVOKED
            : AuditEventType.STANDING_APPROVAL_GRANTED;
    Optional<Finding> refusal = judge(s, event, grantor, grantId, revoke);
    if (refusal.isPresent()) {
      refuse(s, type, grantor, grantId, refusal.get());
      return;
    }
    ProofCheck.Result proof =
        ProofCheck.checkGrant(s.rt().requiresProof(), s.pack(), s.rt().keys(), event, s.now());
    Step proven = s.provenBy(proof.verifiedKey());
    if (proof.refusal().isPresent()) {
      refuse(proven, type, grantor, grantId, proof.refusal().get());
      return;
    }
    String key = s.key(grantId);
    if (revoke) {
      StandingGrant grant = s.tx().get(s.stores().standing(), key).orElseThrow();
      s.tx().delete(s.stores().standing(), key);
      writer.append(
          proven,
          AuditDraft.of(type, grantor)
              .reason(
                  ReasonCodes.STANDING_APPROVAL_REVOKED,
                  "standing approval '"
                      + grantId
                      + "' of "
                      + grant.grantor()
                      + " revoked by "
                      + grantor.id()
                      + " after "
                      + grant.uses()
                      + " use(s)"
                      + Messages.suffix(event.getReason()))
              .detail("standing_approval.id", grantId)
              .detail("standing_approval.uses", grant.uses())
              .source(s.origin().source()));
      return;
    }
    List<String> operations =
        event.getOperations().stream().map(o -> bounds.id("operation", o)).toList();
    List<String> deployments =
        event.getDeployments().stream().map(d -> bounds.id("deployment", d)).toList();
    long expiresAt = event.getExpiresAt().toEpochMilli();
    var record =
        writer.append(
            proven,
            AuditDraft.of(type, grantor)
                .reason(
                    ReasonCodes.STANDING_APPROVAL_GRANTED,
                    grantor.id()
                        + " grants standing approval '"
                        + grantId
                        + "' of "
                        + String.join(", ", operations)
                        + (deployments.isEmpty()
                            ? " on any deployment"
                            : " on " + String.join(", ", deployments))
                        + ", "
                        + event.getMaxUses()
                        + " use(s) until "
                        + Instant.ofEpochMilli(expiresAt)
                        + Messages.suffix(event.getReason()))
                .detail("standing_approval.id", grantId)
                .detail("standing_approval.operations", String.join(",", operations))
                .detail("standing_approval.deployments", String.join(",", deployments))
                .detail("standing_approval.max_uses", event.getMaxUses())
                .detail("standing_approval.expires_at", Instant.ofEpochMilli(expiresAt))
                .source(s.origin().source()));
    s.tx()
        .put(
            s.stores().standing(),
            key,
            new StandingGrant(
                s.pack(),
                grantId,
                grantor.id(),
                operations,
                deployments,
                event.getMaxUses(),
                0,
                expiresAt,
                record.getSequence()));
  }

  /** Audits a refused grant or revocation (detail {@code refused}); nothing else changes. */
  private void refuse(
      Step s, AuditEventType type, ActorRef grantor, String grantId, Finding finding) {
    writer.append(
        s,
        AuditDraft.of(type, grantor)
            .findings(List.of(finding))
            .detail("standing_approval.id", grantId)
            .detail("refused", true)
            .source(s.origin().source()));
  }

  /** Why the grant or revocation is refused before its proof is judged, if it is. */
  private Optional<Finding> judge(
      Step s, StandingApproval event, ActorRef grantor, String grantId, boolean revoke) {
    if (!s.pack().equals(event.getPack())) {
      return Optional.of(DecisionWriter.packMismatch(s, event.getPack()));
    }
    HumanApprovalConfig config = s.contract().policyConfig().humanApproval();
    PackExtensions ext = s.contract().extensions();
    if (!config.allowAutoApproval()) {
      return invalid(
          ReasonCodes.STANDING_APPROVAL_DISABLED,
          "pack '" + s.pack() + "' does not allow standing approvals (allow_auto_approval: false)");
    }
    Optional<Finding> who =
        AuthorizedActors.check(
            grantor,
            ext.approvers(),
            "",
            true,
            "extensions.approvers",
            "approver",
            ReasonCodes.APPROVER_NOT_AUTHORIZED);
    if (who.isPresent()) {
      return who;
    }
    if (grantId.isBlank()) {
      return invalid(ReasonCodes.STANDING_APPROVAL_INVALID, "the standing approval has no id");
    }
    boolean exists = s.tx().get(s.stores().standing(), s.key(grantId)).isPresent();
    if (revoke) {
      return exists
          ? Optional.empty()
          : invalid(
              ReasonCodes.STANDING_APPROVAL_INVALID,
              "no standing approval '" + grantId + "' is in force in pack '" + s.pack() + "'");
    }
    if (exists) {
      return invalid(
          ReasonCodes.STANDING_APPROVAL_INVALID,
          "standing approval '" + grantId + "' exists already; revoke it or choose another id");
    }
    if (event.getOperations().isEmpty()) {
      return invalid(ReasonCodes.STANDING_APPROVAL_INVALID, "it names no operation");
    }
    OperationVocabulary vocabulary = OperationVocabulary.of(ext);
    for (String operation : event.getOperations()) {
      if (!vocabulary.contains(operation)) {
        return invalid(
            ReasonCodes.STANDING_APPROVAL_INVALID,
            "operation '"
                + new InputBounds().id("operation", operation)
                + "' is not in the vocabulary of pack '"
                + s.pack()
                + "'");
      }
    }
    if (event.getMaxUses() < 1 || event.getMaxUses() > MAX_USES) {
      return invalid(
          ReasonCodes.STANDING_APPROVAL_INVALID,
          "max_uses must be 1 to " + MAX_USES + ", got " + event.getMaxUses());
    }
    long expiresAt = event.getExpiresAt() == null ? 0 : event.getExpiresAt().toEpochMilli();
    long latest = s.now() + config.approvalTimeoutSecs() * 1000L;
    if (expiresAt <= s.now() || expiresAt > latest) {
      return invalid(
          ReasonCodes.STANDING_APPROVAL_INVALID,
          "expires_at must lie after now and at most approval_timeout_secs ("
              + config.approvalTimeoutSecs()
              + " s) ahead, until "
              + Instant.ofEpochMilli(latest));
    }
    return Optional.empty();
  }

  private static Optional<Finding> invalid(String code, String message) {
    return Optional.of(new Finding(RULE, code, message));
  }

  /**
   * Approves the case with a standing approval in its scope, if one is in force: the decision is
   * ALLOWED by the grantor, its record names the grant and the use. Only for requests that need one
   * approval ({@code approvals_required} 1), never for the grantor's own.
   *
   * @return whether the case was decided
   */
  boolean tryApprove(Step s, Case c, Transition effect, List<Finding> needs) {
    if (!s.contract().policyConfig().humanApproval().allowAutoApproval()
        || Math.max(1, s.contract().extensions().approvalsRequired()) > 1) {
      return false;
    }
    RequestedOperation op = c.op();
    Optional<StandingGrant> usable = Optional.empty();
    try (var all =
        s.stores()
            .standing()
            .range(StoreKeys.prefix(s.pack()), StoreKeys.prefix(s.pack()) + '\uffff')) {
      while (all.hasNext() && usable.isEmpty()) {
        // the store's committed state, then this transaction's view of the same key
        String key = all.next().key;
        Optional<StandingGrant> grant = s.tx().get(s.stores().standing(), key);
        if (grant.isPresent() && s.now() >= grant.get().expiresAt()) {
          // expired: nothing can use it again, so it leaves the store (the scan stays short)
          s.tx().delete(s.stores().standing(), key);
          continue;
        }
        if (grant.isPresent()
            && grant.get().covers(op.operation(), op.deploymentId(), s.now())
            && authorized(s, grant.get(), op)) {
          usable = grant;
        }
      }
    }
    if (usable.isEmpty()) {
      return false;
    }
    StandingGrant grant = usable.get();
    StandingGrant used = grant.used();
    if (used.uses() >= used.maxUses()) {
      s.tx().delete(s.stores().standing(), s.key(grant.grantId()));
    } else {
      s.tx().put(s.stores().standing(), s.key(grant.grantId()), used);
    }
    ActorRef grantor = new ActorRef(grant.grantor(), "human");
    List<String> rules = new ArrayList<>(needs.stream().map(Finding::ruleId).toList());
    rules.add(RULE);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("standing_approval.id", grant.grantId());
    details.put("standing_approval.grant_sequence", grant.auditSequence());
    details.put("standing_approval.use", used.uses() + " of " + used.maxUses());
    writer.allow(
        s,
        c,
        effect,
        AuditEventType.STANDING_APPROVAL_USED,
        grantor,
        grant.grantor(),
        new Grounds(
            rules,
            List.of(ReasonCodes.APPROVED_BY_STANDING_APPROVAL),
            List.of(
                "approved by "
                    + grant.grantor()
                    + "'s standing approval '"
                    + grant.grantId()
                    + "' (use "
                    + used.uses()
                    + " of "
                    + used.maxUses()
                    + ")")),
        details);
    return true;
  }

  /** The grantor may still approve this request: a listed approver, and not its requester. */
  private static boolean authorized(Step s, StandingGrant grant, RequestedOperation op) {
    return AuthorizedActors.check(
            new ActorRef(grant.grantor(), "human"),
            s.contract().extensions().approvers(),
            op.actor().id(),
            false,
            "extensions.approvers",
            "approver",
            ReasonCodes.APPROVER_NOT_AUTHORIZED)
        .isEmpty();
  }
}
