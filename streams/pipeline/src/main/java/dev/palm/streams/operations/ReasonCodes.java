package dev.palm.streams.operations;

/**
 * The reason codes the pipeline puts on decisions and audit records (documented in
 * docs/decisions.md).
 */
public final class ReasonCodes {

  private ReasonCodes() {}

  // Step 1: validity
  /** The operation names a pack that is not loaded. */
  public static final String UNKNOWN_PACK = "UNKNOWN_PACK";

  /**
   * The record key (the pack whose order the record joined) differs from the pack named in the
   * value.
   */
  public static final String PACK_MISMATCH = "PACK_MISMATCH";

  /** The operation id (idempotency key) is empty. */
  public static final String OPERATION_ID_MISSING = "OPERATION_ID_MISSING";

  /** The operation name is empty. */
  public static final String OPERATION_MISSING = "OPERATION_MISSING";

  /** The deployment id is empty. */
  public static final String DEPLOYMENT_ID_MISSING = "DEPLOYMENT_ID_MISSING";

  /**
   * The request has no actor, an actor with an empty id, or an actor kind this version does not
   * know.
   */
  public static final String ACTOR_MISSING = "ACTOR_MISSING";

  /**
   * An actor, approver or releaser id is not an identity (blank after trimming, too long, or with
   * control, format or separator characters; docs/decisions.md §1).
   */
  public static final String IDENTITY_INVALID = "IDENTITY_INVALID";

  /** An actor, approver or releaser claims an id the pipeline keeps for itself ({@code palm-*}). */
  public static final String IDENTITY_RESERVED = "IDENTITY_RESERVED";

  /** A standing approval was granted (human_approval.allow_auto_approval). */
  public static final String STANDING_APPROVAL_GRANTED = "STANDING_APPROVAL_GRANTED";

  /** A standing approval was revoked by a human. */
  public static final String STANDING_APPROVAL_REVOKED = "STANDING_APPROVAL_REVOKED";

  /** A request was approved by a standing approval in its scope. */
  public static final String APPROVED_BY_STANDING_APPROVAL = "APPROVED_BY_STANDING_APPROVAL";

  /** The pack does not allow standing approvals (human_approval.allow_auto_approval is false). */
  public static final String STANDING_APPROVAL_DISABLED = "STANDING_APPROVAL_DISABLED";

  /**
   * A standing approval (or revocation) is malformed or names nothing in force: no operations, an
   * operation outside the vocabulary, uses or expiry out of range, a grant id taken or unknown.
   */
  public static final String STANDING_APPROVAL_INVALID = "STANDING_APPROVAL_INVALID";

  /** A key became trusted for a pack's accountability proofs (recorded at a start). */
  public static final String KEY_REGISTERED = "KEY_REGISTERED";

  /** A key is no longer trusted: revoked, or removed from the keyring (recorded at a start). */
  public static final String KEY_REVOKED = "KEY_REVOKED";

  /** The pack requires an accountability proof and the request carries none. */
  public static final String PROOF_MISSING = "PROOF_MISSING";

  /**
   * The request's accountability proof does not hold: unknown or unregistered key, wrong algorithm,
   * stale signing time, or a signature that does not verify over the request's digest.
   */
  public static final String PROOF_INVALID = "PROOF_INVALID";

  /**
   * The request breaks the input bounds (an id or text too long, control characters, too many
   * parameters; docs/decisions.md §1); it is kept in bounded form as evidence.
   */
  public static final String INPUT_OUT_OF_BOUNDS = "INPUT_OUT_OF_BOUNDS";

  /**
   * The operation is not in the pack's vocabulary (the operation types the pipeline models plus the
   * pack's {@code extensions.operations}); names are matched exactly, never re-spelled.
   */
  public static final String UNKNOWN_OPERATION = "UNKNOWN_OPERATION";

  /**
   * The pack's validateAgentSpec rejected the agent spec, or its version is not a semantic version.
   */
  public static final String AGENT_SPEC_REJECTED = "AGENT_SPEC_REJECTED";

  /** A count or resource request is negative. */
  public static final String INVALID_REQUEST = "INVALID_REQUEST";

  // Deployment state preconditions
  /** create_deployment for a deployment that exists. */
  public static final String DEPLOYMENT_EXISTS = "DEPLOYMENT_EXISTS";

  /** An operation on a deployment that does not exist. */
  public static final String DEPLOYMENT_NOT_FOUND = "DEPLOYMENT_NOT_FOUND";

  /** scale without target_replicas or instance_count. */
  public static final String TARGET_REPLICAS_MISSING = "TARGET_REPLICAS_MISSING";

  /** scale_up to fewer replicas, or scale_down to more (or below zero). */
  public static final String INVALID_SCALE_DIRECTION = "INVALID_SCALE_DIRECTION";

  /**
   * The platform's capabilities do not support the operation (migrate without supports_migration).
   */
  public static final String OPERATION_NOT_SUPPORTED = "OPERATION_NOT_SUPPORTED";

  // Step 4: safety holds
  /** The operation is one of safety_holds.blocked_operations. */
  public static final String SAFETY_HOLD = "SAFETY_HOLD";

  /** An authorized releaser released the hold. */
  public static final String HOLD_RELEASED = "HOLD_RELEASED";

  /** The hold reached auto_release_after_secs. */
  public static final String HOLD_AUTO_RELEASED = "HOLD_AUTO_RELEASED";

  /** An authorized releaser cancelled the held operation. */
  public static final String HOLD_CANCELLED = "HOLD_CANCELLED";

  /** A hold release or cancellation was refused (always with a more specific code). */
  public static final String HOLD_RELEASE_REFUSED = "HOLD_RELEASE_REFUSED";

  /** The hold addressed does not exist or is no longer active. */
  public static final String HOLD_NOT_ACTIVE = "HOLD_NOT_ACTIVE";

  /** The releaser is not one of the pack's hold releasers (or is the requester). */
  public static final String RELEASER_NOT_AUTHORIZED = "RELEASER_NOT_AUTHORIZED";

  // Step 5: limits
  /** More operations in the last 60 seconds than rate_limit_per_minute. */
  public static final String RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED";

  /** More deployments than max_concurrent_deployments. */
  public static final String CONCURRENT_DEPLOYMENTS_EXCEEDED = "CONCURRENT_DEPLOYMENTS_EXCEEDED";

  /** A replica increase larger than max_scale_up. */
  public static final String SCALE_UP_EXCEEDED = "SCALE_UP_EXCEEDED";

  /** A replica decrease larger than max_scale_down. */
  public static final String SCALE_DOWN_EXCEEDED = "SCALE_DOWN_EXCEEDED";

  /** More deployments than capabilities.max_deployments. */
  public static final String MAX_DEPLOYMENTS_EXCEEDED = "MAX_DEPLOYMENTS_EXCEEDED";

  /** More replicas than capabilities.max_instances_per_deployment. */
  public static final String INSTANCES_PER_DEPLOYMENT_EXCEEDED =
      "INSTANCES_PER_DEPLOYMENT_EXCEEDED";

  /** More instances across the pack than capabilities.max_total_instances. */
  public static final String TOTAL_INSTANCES_EXCEEDED = "TOTAL_INSTANCES_EXCEEDED";

  /** A per-instance or pack-wide resource request above resources.limits. */
  public static final String RESOURCE_LIMIT_EXCEEDED = "RESOURCE_LIMIT_EXCEEDED";

  // Step 6: human approval
  /** The operation is in human_approval.always_required. */
  public static final String APPROVAL_REQUIRED = "APPROVAL_REQUIRED";

  /** A human_approval.threshold_required rule matched. */
  public static final String APPROVAL_THRESHOLD_EXCEEDED = "APPROVAL_THRESHOLD_EXCEEDED";

  /** Enough authorized approvers approved. */
  public static final String APPROVED = "APPROVED";

  /** An authorized approver rejected. */
  public static final String APPROVAL_REJECTED = "APPROVAL_REJECTED";

  /** Nobody settled the request within approval_timeout_secs. */
  public static final String APPROVAL_EXPIRED = "APPROVAL_EXPIRED";

  /** The request was escalated to a recovery.escalation level. */
  public static final String APPROVAL_ESCALATED = "APPROVAL_ESCALATED";

  /** An approval was counted but more approvals are required. */
  public static final String APPROVAL_RECORDED = "APPROVAL_RECORDED";

  /** A response addressed no pending approval (unknown, already settled or expired). */
  public static final String APPROVAL_NOT_PENDING = "APPROVAL_NOT_PENDING";

  /**
   * The approver is not one of the pack's approvers (nor a recipient of a reached escalation
   * level).
   */
  public static final String APPROVER_NOT_AUTHORIZED = "APPROVER_NOT_AUTHORIZED";

  /** The approver or releaser is not a human. */
  public static final String ACTOR_NOT_HUMAN = "ACTOR_NOT_HUMAN";

  /** The requester tried to approve or release their own operation. */
  public static final String SELF_APPROVAL_FORBIDDEN = "SELF_APPROVAL_FORBIDDEN";

  /** The same approver approved twice; counted once. */
  public static final String DUPLICATE_APPROVAL = "DUPLICATE_APPROVAL";

  // Step 7 and idempotency
  /** Every rule passed without needing a human. */
  public static final String POLICY_PASSED = "POLICY_PASSED";

  /** The deployment's state changed because an operation was allowed. */
  public static final String DEPLOYMENT_CHANGED = "DEPLOYMENT_CHANGED";

  /** The operation was received (pre-audit record). */
  public static final String OPERATION_RECEIVED = "OPERATION_RECEIVED";

  /** An operation id was reused with different content; the original decision stands. */
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

  // Step 8: reconciliation
  /**
   * An executor's outcome of an allowed operation was recorded (and settled its commitment, if
   * any).
   */
  public static final String OUTCOME_RECORDED = "OUTCOME_RECORDED";

  /** The outcome arrived at or after the commitment's due time; it still settles the commitment. */
  public static final String LATE_OUTCOME = "LATE_OUTCOME";

  /** An outcome was already recorded for the operation; the repeat changes nothing. */
  public static final String DUPLICATE_OUTCOME = "DUPLICATE_OUTCOME";

  /**
   * An allowed reconciliation_required operation had no outcome within the reconciliation window.
   */
  public static final String RECONCILIATION_OVERDUE = "RECONCILIATION_OVERDUE";

  /**
   * An outcome reports the execution of an operation that was never allowed (or not as allowed).
   */
  public static final String UNAUTHORIZED_EXECUTION = "UNAUTHORIZED_EXECUTION";
}
