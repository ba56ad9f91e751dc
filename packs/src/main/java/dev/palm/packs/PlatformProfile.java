package dev.palm.packs;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The operational profile a pack runs under, which selects the platform-specific conformance tests
 * and profile defaults: {@link #MAPLEVERSE}, {@link #FINALVERSE}, {@link #IBANK}, {@link
 * #DEVELOPMENT} or {@link #custom(String)}.
 *
 * <p>A final class rather than an enum because the tutorial uses {@code
 * PlatformProfile::Custom("my-platform")}. {@link #toString()} is the file spelling: the lowercase
 * name ({@code ibank}) or {@code custom:<name>}.
 *
 * <p>A custom profile takes the safety-leaning middle of the table in docs/pack-contract.md §2.10
 * (Finalverse's values: agency protection and audit trail required, no reversibility preference, 60
 * s health timeout, 2 replicas, 75 % healthy), because nothing is known about an unknown platform
 * and an audit trail is what this project exists to keep.
 */
public final class PlatformProfile {

  /** Throughput first; the original's default profile. */
  public static final PlatformProfile MAPLEVERSE =
      new PlatformProfile("mapleverse", false, false, false, false, Duration.ofSeconds(30), 3, 0.5);

  /** Safety and human oversight first. */
  public static final PlatformProfile FINALVERSE =
      new PlatformProfile("finalverse", false, true, true, false, Duration.ofSeconds(60), 2, 0.75);

  /** Accountability first (financial services). */
  public static final PlatformProfile IBANK =
      new PlatformProfile("ibank", false, true, true, true, Duration.ofSeconds(120), 5, 0.9);

  /** Local development: no protections, one replica. */
  public static final PlatformProfile DEVELOPMENT =
      new PlatformProfile(
          "development", false, false, false, false, Duration.ofSeconds(10), 1, 0.0);

  private static final List<PlatformProfile> STANDARD =
      List.of(MAPLEVERSE, FINALVERSE, IBANK, DEVELOPMENT);

  private final String name;
  private final boolean custom;
  private final boolean agencyProtection;
  private final boolean auditTrail;
  private final boolean reversibility;
  private final Duration healthTimeout;
  private final int replicas;
  private final double minHealthyRatio;

  private PlatformProfile(
      String name,
      boolean custom,
      boolean agencyProtection,
      boolean auditTrail,
      boolean reversibility,
      Duration healthTimeout,
      int replicas,
      double minHealthyRatio) {
    this.name = name;
    this.custom = custom;
    this.agencyProtection = agencyProtection;
    this.auditTrail = auditTrail;
    this.reversibility = reversibility;
    this.healthTimeout = healthTimeout;
    this.replicas = replicas;
    this.minHealthyRatio = minHealthyRatio;
  }

  /**
   * Returns a custom profile named {@code name} (non-blank), with the defaults described on the
   * class.
   */
  public static PlatformProfile custom(String name) {
    Objects.requireNonNull(name, "custom profile name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("custom profile name must not be blank");
    }
    return new PlatformProfile(name, true, true, true, false, Duration.ofSeconds(60), 2, 0.75);
  }

  /** Returns the four standard profiles in declaration order. */
  public static List<PlatformProfile> standardProfiles() {
    return STANDARD;
  }

  /**
   * Reads a profile as written in a pack file: a standard name in any case ({@code ibank}, {@code
   * IBank}) or {@code custom:<name>}.
   */
  public static Optional<PlatformProfile> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith(OpenEnumSpelling.CUSTOM_PREFIX)) {
      String customName = text.substring(OpenEnumSpelling.CUSTOM_PREFIX.length());
      return customName.isBlank() ? Optional.empty() : Optional.of(custom(customName));
    }
    return standard(text);
  }

  /**
   * Derives a profile from a pack name: the standard profile of that name ({@code ibank} gives
   * {@link #IBANK}), otherwise a custom profile named after the pack.
   */
  public static PlatformProfile fromPackName(String packName) {
    return standard(packName).orElseGet(() -> custom(packName));
  }

  /** The standard profile named {@code name} in any case. */
  private static Optional<PlatformProfile> standard(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return STANDARD.stream().filter(p -> p.name.equals(lower)).findFirst();
  }

  /** Returns the lowercase standard name or the custom name. */
  public String name() {
    return name;
  }

  /** Tells whether this is a custom profile. */
  public boolean isCustom() {
    return custom;
  }

  /** Returns the custom name, if this is a custom profile. */
  public Optional<String> customName() {
    return custom ? Optional.of(name) : Optional.empty();
  }

  /** Whether agents' agency must be protected (human oversight of destructive acts). */
  public boolean requiresAgencyProtection() {
    return agencyProtection;
  }

  /** Whether a complete audit trail is required. */
  public boolean requiresAuditTrail() {
    return auditTrail;
  }

  /** Whether reversible operations are preferred. */
  public boolean prefersReversibility() {
    return reversibility;
  }

  /** The default timeout of a health check. */
  public Duration defaultHealthTimeout() {
    return healthTimeout;
  }

  /** The default number of replicas of a deployment. */
  public int defaultReplicas() {
    return replicas;
  }

  /** The fraction of replicas that must be healthy. */
  public double minHealthyRatio() {
    return minHealthyRatio;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformProfile that && that.custom == custom && that.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, custom);
  }

  /**
   * Returns the file spelling: {@code mapleverse}, {@code finalverse}, {@code ibank}, {@code
   * development} or {@code custom:<name>}.
   */
  @Override
  public String toString() {
    return custom ? OpenEnumSpelling.customSpelling(name) : name;
  }
}
