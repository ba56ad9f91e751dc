package dev.palm.wire;

/** What a PALM topic is for; decides its name suffix, its value type and how it is provisioned. */
public enum TopicRole {
  /** {@code <prefix>.operations}: operations requested by platforms, keyed by pack. */
  OPERATIONS("operations", false),
  /** {@code <prefix>.approvals.responses}: approvers' answers, keyed by pack. */
  APPROVAL_RESPONSES("approvals.responses", false),
  /** {@code <prefix>.approvals.grants}: standing approvals and their revocations, keyed by pack. */
  APPROVAL_GRANTS("approvals.grants", false),
  /** {@code <prefix>.holds.releases}: releases and cancellations of safety holds, keyed by pack. */
  HOLD_RELEASES("holds.releases", false),
  /** {@code <prefix>.outcomes}: what executors actually did, keyed by pack. */
  OUTCOMES("outcomes", false),
  /** {@code <prefix>.<pack>.decisions}: one policy decision per operation. */
  DECISIONS("decisions", true),
  /** {@code <prefix>.<pack>.approvals}: approval requests and escalations. */
  APPROVALS("approvals", true),
  /** {@code <prefix>.<pack>.audit}: the hash-chained audit trail, never compacted. */
  AUDIT("audit", true),
  /**
   * {@code <prefix>.<pack>.checkpoints}: signed checkpoints of the audit chain, never compacted.
   */
  CHECKPOINTS("checkpoints", true),
  /**
   * {@code <prefix>.dlq}: records that could not be read or processed, as raw bytes with reason
   * headers.
   */
  DLQ("dlq", false);

  private final String suffix;
  private final boolean perPack;

  TopicRole(String suffix, boolean perPack) {
    this.suffix = suffix;
    this.perPack = perPack;
  }

  /** The last part of the topic name, e.g. {@code audit} or {@code approvals.responses}. */
  public String suffix() {
    return suffix;
  }

  /** Whether there is one topic of this role per loaded pack (otherwise one shared topic). */
  public boolean perPack() {
    return perPack;
  }

  /**
   * Whether the topic holds the compliance record, whose retention must never be weaker than the
   * pack's.
   */
  public boolean isRecordOfTruth() {
    return this == AUDIT || this == CHECKPOINTS;
  }
}
