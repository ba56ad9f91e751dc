package dev.palm.packs;

/**
 * The tutorial's name for a pack health probe ({@code ProbeConfig { enabled, timeout_secs,
 * period_secs, ..Default::default() }} in Step 4); the real type is {@link ProbeSettings}, and this
 * class only makes the tutorial's spelling work: {@code
 * ProbeConfig.builder().enabled(true).timeoutSecs(10).periodSecs(15).build()}.
 *
 * <p>Not to be confused with {@link dev.palm.packs.spec.AgentProbe}, an agent spec's probe.
 */
public final class ProbeConfig {

  private ProbeConfig() {}

  /** Returns a {@link ProbeSettings} builder starting from the defaults. */
  public static ProbeSettingsBuilder builder() {
    return ProbeSettings.builder();
  }

  /** Returns the default probe settings. */
  public static ProbeSettings defaults() {
    return ProbeSettings.defaults();
  }
}
