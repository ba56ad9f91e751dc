package dev.palm.streams.operations;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one canonical form of an identity (requester, approver, releaser, executor, and the ids a
 * pack lists): Unicode NFKC, trimmed, case-folded. Every comparison of identities uses this form,
 * so {@code Alice}, {@code "alice "} and {@code ａｌｉｃｅ} are one person (docs/decisions.md §1). An id
 * that is blank, longer than {@link #MAX_LENGTH} characters, or contains control, format, separator
 * or unassigned characters (invisible or confusable) is no identity at all.
 */
public final class Identities {

  /** The longest identity accepted, in characters of the canonical form. */
  public static final int MAX_LENGTH = 256;

  /** The prefix of the ids the pipeline keeps for itself (its own acts are {@code palm-system}). */
  public static final String RESERVED_PREFIX = "palm-";

  private Identities() {}

  /** The canonical form of {@code raw}, or why it is not an identity. */
  public static Result canonical(String raw) {
    if (raw == null || raw.isBlank()) {
      return new Result(Optional.empty(), Optional.of("the id is empty"));
    }
    String folded =
        Normalizer.normalize(
            Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT),
            Normalizer.Form.NFKC);
    if (folded.isEmpty()) {
      return new Result(Optional.empty(), Optional.of("the id is empty"));
    }
    if (folded.length() > MAX_LENGTH) {
      return new Result(
          Optional.empty(),
          Optional.of("the id has " + folded.length() + " characters; at most " + MAX_LENGTH));
    }
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      if (!allowed(cp)) {
        return new Result(
            Optional.empty(),
            Optional.of(
                "the id contains "
                    + String.format(Locale.ROOT, "U+%04X", cp)
                    + " (control, format, separator or unassigned characters are not allowed)"));
      }
      i += Character.charCount(cp);
    }
    return new Result(Optional.of(folded), Optional.empty());
  }

  /** Whether {@code canonicalId} is one the pipeline keeps for itself. */
  public static boolean isReserved(String canonicalId) {
    return canonicalId.startsWith(RESERVED_PREFIX) || canonicalId.equals("system");
  }

  /** The canonical form of an id a pack lists (approvers, releasers, recipients); as is if none. */
  public static String listed(String id) {
    return canonical(id).id().orElse(id == null ? "" : id);
  }

  /**
   * {@code raw} made safe to record as evidence: at most {@link #MAX_LENGTH} characters, control
   * and format characters written as {@code \}{@code uXXXX}.
   */
  public static String evidence(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length() && b.length() < MAX_LENGTH; ) {
      int cp = raw.codePointAt(i);
      int kind = Character.getType(cp);
      if (kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.UNASSIGNED) {
        b.append(String.format(Locale.ROOT, "\\u%04X", cp));
      } else {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static boolean allowed(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  /**
   * The outcome of canonicalizing an id.
   *
   * @param id the canonical id, when the input is an identity
   * @param problem why it is not, otherwise
   */
  public record Result(Optional<String> id, Optional<String> problem) {}
}
