package dev.palm.packs;

/**
 * A {@link PlatformPack} whose every part comes from a {@link PlatformPackConfig} (e.g. a pack
 * file).
 */
final class ConfiguredPack extends ConfigBackedPack {

  ConfiguredPack(PlatformPackConfig config) {
    super(config);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConfiguredPack that && that.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "PlatformPack["
        + config().metadata().name()
        + " "
        + config().metadata().version()
        + " ("
        + profile()
        + ")]";
  }
}
