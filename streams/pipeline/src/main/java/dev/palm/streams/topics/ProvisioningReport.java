package dev.palm.streams.topics;

import java.util.List;

/**
 * What {@link TopicProvisioner#provision} did: topics created, existing topics checked, settings
 * repaired (each to be audited by the pipeline) and differences left as warnings.
 *
 * @param created topics created now
 * @param verified topics that existed and were checked
 * @param repairs settings changed in repair mode
 * @param warnings non-blocking differences left unchanged (empty in repair mode)
 */
public record ProvisioningReport(
    List<String> created,
    List<String> verified,
    List<TopicRepair> repairs,
    List<TopicSettingMismatch> warnings) {

  /** Copies the lists. */
  public ProvisioningReport {
    created = List.copyOf(created);
    verified = List.copyOf(verified);
    repairs = List.copyOf(repairs);
    warnings = List.copyOf(warnings);
  }
}
