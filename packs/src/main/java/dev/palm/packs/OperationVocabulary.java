package dev.palm.packs;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a pack knows: the standard operation types, whose effect on deployments the
 * pipeline models, plus the names the pack declares in {@code extensions.operations}. The pipeline
 * denies every other operation ({@code UNKNOWN_OPERATION}), and the validator rejects pack rules
 * that name one: a misspelled rule must not silently let the real operation through. Names are
 * matched exactly; {@code DELETE_DEPLOYMENT} or {@code delete-deployment} are other names.
 */
public final class OperationVocabulary {

  /** The standard operation names, in the spelling of operation events and pack rules. */
  public static final List<String> STANDARD =
      List.of(
          "create_deployment",
          "update_deployment",
          "scale",
          "scale_up",
          "scale_down",
          "delete_deployment",
          "restart",
          "migrate",
          "rollback",
          "force_recovery",
          "force_restart",
          "force_terminate");

  private final Set<String> names;

  private OperationVocabulary(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  /** The vocabulary of a pack with these extensions. */
  public static OperationVocabulary of(PackExtensions extensions) {
    Set<String> names = new LinkedHashSet<>(STANDARD);
    names.addAll(extensions.operations());
    return new OperationVocabulary(names);
  }

  /** Whether {@code name} is an operation of the pack, spelled exactly. */
  public boolean contains(String name) {
    return names.contains(name);
  }

  /** Every name of the vocabulary. */
  public Set<String> names() {
    return names;
  }

  /** The closest name of the vocabulary to {@code given}, when one is close. */
  public Optional<String> closest(String given) {
    String g = given.toLowerCase(Locale.ROOT).replace('-', '_').strip();
    return names.stream()
        .filter(c -> distance(g, c) <= Math.max(2, c.length() / 3))
        .min(Comparator.comparingInt((String c) -> distance(g, c)).thenComparing(c -> c));
  }

  /** Whether {@code name} may be declared in {@code extensions.operations}. */
  public static boolean isDeclarable(String name) {
    return name != null && name.matches("[a-z][a-z0-9_.:-]{0,99}");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
