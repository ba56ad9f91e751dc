package dev.palm.packs;

import java.util.Optional;

/**
 * The metric autoscaling follows (default {@code cpu_utilization}).
 *
 * <p>The original is a Rust enum with a {@code Custom(String)} variant, so this is a sealed type:
 * the standard values are the constants of {@link Standard} (also reachable as constants of this
 * interface, e.g. {@link #CPU_UTILIZATION}), and {@link Custom} carries any other name. In pack
 * files a standard value is written in snake_case ({@code cpu_utilization}) and a custom one as
 * {@code custom:<name>}.
 */
public sealed interface ScalingMetric extends Spelling
    permits ScalingMetric.Standard, ScalingMetric.Custom {

  /** Written {@code cpu_utilization}. */
  ScalingMetric CPU_UTILIZATION = Standard.CPU_UTILIZATION;

  /** Written {@code memory_utilization}. */
  ScalingMetric MEMORY_UTILIZATION = Standard.MEMORY_UTILIZATION;

  /** Written {@code request_rate}. */
  ScalingMetric REQUEST_RATE = Standard.REQUEST_RATE;

  /** Written {@code queue_depth}. */
  ScalingMetric QUEUE_DEPTH = Standard.QUEUE_DEPTH;

  /** Written {@code attention_utilization}. */
  ScalingMetric ATTENTION_UTILIZATION = Standard.ATTENTION_UTILIZATION;

  /** Tells whether this is a {@link Custom} value. */
  default boolean isCustom() {
    return this instanceof Custom;
  }

  /** The standard values. */
  enum Standard implements ScalingMetric {
    /** Written {@code cpu_utilization}. */
    CPU_UTILIZATION("cpu_utilization"),
    /** Written {@code memory_utilization}. */
    MEMORY_UTILIZATION("memory_utilization"),
    /** Written {@code request_rate}. */
    REQUEST_RATE("request_rate"),
    /** Written {@code queue_depth}. */
    QUEUE_DEPTH("queue_depth"),
    /** Written {@code attention_utilization}. */
    ATTENTION_UTILIZATION("attention_utilization");

    private final String spelling;

    Standard(String spelling) {
      this.spelling = spelling;
    }

    @Override
    public String spelling() {
      return spelling;
    }
  }

  /**
   * A platform-specific value outside the standard set.
   *
   * @param name the custom name, non-blank
   */
  record Custom(String name) implements ScalingMetric {

    /** Checks that the name is not blank. */
    public Custom {
      OpenEnumSpelling.checkCustomName(ScalingMetric.class, name);
    }

    @Override
    public String spelling() {
      return OpenEnumSpelling.customSpelling(name);
    }

    @Override
    public String toString() {
      return spelling();
    }
  }

  /** Returns a custom value named {@code name}. */
  static ScalingMetric custom(String name) {
    return new Custom(name);
  }

  /**
   * Reads a value written in a pack file: a standard spelling (or Java constant name), or {@code
   * custom:<name>}.
   */
  static Optional<ScalingMetric> parse(String text) {
    return OpenEnumSpelling.parse(text, Standard.values(), Custom::new);
  }

  /** Lists the accepted spellings, for error messages. */
  static String spellings() {
    return OpenEnumSpelling.spellings(Standard.values());
  }
}
