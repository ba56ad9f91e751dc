package dev.palm.packs;

/**
 * A pack registered in the test class path's META-INF/services, to prove ServiceLoader discovery.
 */
public class TestServicePack implements PlatformPack {

  @Override
  public PlatformProfile profile() {
    return PlatformProfile.DEVELOPMENT;
  }

  @Override
  public PlatformMetadata metadata() {
    return PlatformMetadata.builder().name("service-test-pack").build();
  }

  @Override
  public PlatformPolicyConfig policyConfig() {
    return PlatformPolicyConfig.defaults();
  }

  @Override
  public PlatformHealthConfig healthConfig() {
    return PlatformHealthConfig.defaults();
  }

  @Override
  public PlatformStateConfig stateConfig() {
    return PlatformStateConfig.defaults();
  }

  @Override
  public PlatformResourceConfig resourceConfig() {
    return PlatformResourceConfig.defaultConfig();
  }

  @Override
  public PlatformRecoveryConfig recoveryConfig() {
    return PlatformRecoveryConfig.defaults();
  }

  @Override
  public PlatformCapabilities capabilities() {
    return PlatformCapabilities.builder().supportsCheckpoints(true).build();
  }
}
