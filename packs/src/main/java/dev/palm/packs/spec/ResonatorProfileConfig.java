package dev.palm.packs.spec;

import java.util.Map;

/**
 * The resonator profile of an agent: its type, risk tolerance, autonomy and free-form parameters.
 *
 * @param profileType the profile type (Human, Coordination, ...); default empty
 * @param riskTolerance the risk tolerance; default {@link RiskTolerance#BALANCED}
 * @param autonomyLevel the autonomy level; default {@link AutonomyLevel#GUIDED_AUTONOMY}
 * @param parameters additional profile parameters; default empty
 */
public record ResonatorProfileConfig(
    String profileType,
    RiskTolerance riskTolerance,
    AutonomyLevel autonomyLevel,
    Map<String, String> parameters) {

  /** Normalises absent parts and copies the parameters. */
  public ResonatorProfileConfig {
    profileType = profileType == null ? "" : profileType;
    riskTolerance = riskTolerance == null ? RiskTolerance.BALANCED : riskTolerance;
    autonomyLevel = autonomyLevel == null ? AutonomyLevel.GUIDED_AUTONOMY : autonomyLevel;
    parameters = SpecValues.stringMap(parameters, "resonator_profile.parameters");
  }

  /** Returns the defaults: empty type, balanced risk, guided autonomy, no parameters. */
  public static ResonatorProfileConfig defaults() {
    return new ResonatorProfileConfig(
        "", RiskTolerance.BALANCED, AutonomyLevel.GUIDED_AUTONOMY, Map.of());
  }
}
