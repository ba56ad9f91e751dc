package dev.palm.cli;

import picocli.CommandLine.IVersionProvider;

/** Supplies `palm --version` from the jar manifest, falling back to the build's version. */
public final class PalmVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Palm.class.getPackage().getImplementationVersion();
    return new String[] {
      "palm " + (v == null ? "0.1.0-SNAPSHOT" : v), "Java " + System.getProperty("java.version")
    };
  }
}
