package dev.palm.registry;

import java.io.IOException;

/** Opens {@link AuthenticatingProxy} to tests of other packages. */
public final class TestProxies {

  private TestProxies() {}

  /** A proxy in front of {@code upstream} that answers 403 to every {@code method} request. */
  public static AutoCloseable forbidding(String upstream, String method) throws IOException {
    return new AuthenticatingProxy(upstream, "", method);
  }

  /** The URL of a proxy from {@link #forbidding}. */
  public static String url(AutoCloseable proxy) {
    return ((AuthenticatingProxy) proxy).url();
  }
}
