package dev.palm.packs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}, semver.org 2.0.0, strict as the Rust
 * {@code semver} crate: no {@code v} prefix, no leading zeros, no missing parts).
 *
 * <p>Ordering is semver precedence (pre-releases sort before the release; numeric identifiers
 * numerically and before alphanumeric ones); build metadata breaks ties last, as in the {@code
 * semver} crate, so that {@code compareTo} is consistent with {@code equals}.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the dot-separated pre-release identifiers; empty for a release
 * @param build the dot-separated build metadata identifiers; empty when absent
 */
public record SemVer(
    long major, long minor, long patch, List<String> preRelease, List<String> build)
    implements Comparable<SemVer> {

  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z-]+");

  /** Checks the parts and copies the identifier lists. */
  public SemVer {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
    preRelease = List.copyOf(preRelease);
    build = List.copyOf(build);
  }

  /** Creates a release version. */
  public static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, List.of(), List.of());
  }

  /** Parses {@code text}; empty when it is not a strict semantic version. */
  public static Optional<SemVer> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String rest = text;
    List<String> build = List.of();
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = identifiers(rest.substring(plus + 1), false);
      if (build == null) {
        return Optional.empty();
      }
      rest = rest.substring(0, plus);
    }
    List<String> pre = List.of();
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = identifiers(rest.substring(dash + 1), true);
      if (pre == null) {
        return Optional.empty();
      }
      rest = rest.substring(0, dash);
    }
    String[] core = rest.split("\\.", -1);
    if (core.length != 3) {
      return Optional.empty();
    }
    long[] numbers = new long[3];
    for (int i = 0; i < 3; i++) {
      if (!NUMBER.matcher(core[i]).matches() || core[i].length() > 18) {
        return Optional.empty();
      }
      numbers[i] = Long.parseLong(core[i]);
    }
    return Optional.of(new SemVer(numbers[0], numbers[1], numbers[2], pre, build));
  }

  /**
   * Parses {@code text} or throws {@link IllegalArgumentException} saying what a version looks
   * like.
   */
  public static SemVer parseStrict(String text) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + text
                        + "' is not a semantic version; write MAJOR.MINOR.PATCH, e.g. 1.0.0"));
  }

  private static List<String> identifiers(String text, boolean preRelease) {
    String[] parts = text.split("\\.", -1);
    List<String> result = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (!IDENTIFIER.matcher(part).matches()) {
        return null;
      }
      boolean numeric = part.chars().allMatch(Character::isDigit);
      if (preRelease && numeric && part.length() > 1 && part.charAt(0) == '0') {
        return null;
      }
      result.add(part);
    }
    return result;
  }

  @Override
  public int compareTo(SemVer other) {
    int result = Long.compare(major, other.major);
    if (result == 0) {
      result = Long.compare(minor, other.minor);
    }
    if (result == 0) {
      result = Long.compare(patch, other.patch);
    }
    if (result == 0) {
      result = comparePreRelease(preRelease, other.preRelease);
    }
    if (result == 0) {
      result = compareIdentifiers(build, other.build);
    }
    return result;
  }

  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      // A release sorts after any of its pre-releases.
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    return compareIdentifiers(a, b);
  }

  private static int compareIdentifiers(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int result = compareIdentifier(a.get(i), b.get(i));
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean aNumeric = a.chars().allMatch(Character::isDigit);
    boolean bNumeric = b.chars().allMatch(Character::isDigit);
    if (aNumeric && bNumeric) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** Tells whether this is a pre-release. */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      text.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      text.append('+').append(String.join(".", build));
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SemVer that
        && major == that.major
        && minor == that.minor
        && patch == that.patch
        && preRelease.equals(that.preRelease)
        && build.equals(that.build);
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, build);
  }
}
