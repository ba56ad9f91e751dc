package dev.palm.streams.audit;

/**
 * Told of each record the audit watcher finds in an audit topic that the pipeline did not write.
 */
@FunctionalInterface
public interface ForeignRecordListener {

  /**
   * One foreign record.
   *
   * @param pack the pack whose audit topic holds it
   * @param topic the audit topic
   * @param partition its partition
   * @param offset its offset
   * @param valueDigest lowercase hex SHA-256 of its value bytes
   * @param reason why it is not the pipeline's
   */
  void foreign(
      String pack, String topic, int partition, long offset, String valueDigest, String reason);
}
