package dev.palm.streams.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bounds an input must keep (docs/decisions.md §1): ids and names at most {@link #MAX_ID}
 * characters, free text (justification, comments, reasons) at most {@link #MAX_TEXT}, at most
 * {@link #MAX_PARAMETERS} parameters, and no control or format characters except tab and newline in
 * free text. An input outside them is still decided (denied, with the problems as findings) and
 * audited, but only its bounded form is kept: whatever an input contains, no state or output record
 * grows beyond a few hundred kilobytes, far under the producer's request size.
 */
public final class InputBounds {

  /** The longest id or name (operation id, deployment id, pack, operation, agent, ...). */
  public static final int MAX_ID = 256;

  /** The longest free text (justification, comment, reason). */
  public static final int MAX_TEXT = 4096;

  /** The most parameters of an operation. */
  public static final int MAX_PARAMETERS = 32;

  /** The longest parameter value. */
  public static final int MAX_PARAMETER_VALUE = 512;

  private final List<String> problems = new ArrayList<>();

  /** Problems found so far, one line per field ({@code field: what}). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** {@code raw} as an id within bounds; null stays null. */
  public String id(String field, String raw) {
    return bounded(field, raw, MAX_ID, false);
  }

  /** {@code raw} as free text within bounds; null stays null. */
  public String text(String field, String raw) {
    return bounded(field, raw, MAX_TEXT, true);
  }

  /** The parameters within bounds: the first {@link #MAX_PARAMETERS} by name, each bounded. */
  public Map<String, String> parameters(Map<String, String> raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    if (raw.size() > MAX_PARAMETERS) {
      problems.add(
          "parameters: "
              + raw.size()
              + " parameters; at most "
              + MAX_PARAMETERS
              + " (rest dropped)");
    }
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
      if (kept.size() == MAX_PARAMETERS) {
        break;
      }
      String key = id("parameters key", e.getKey());
      kept.put(key, bounded("parameters." + key, e.getValue(), MAX_PARAMETER_VALUE, false));
    }
    return kept;
  }

  private String bounded(String field, String raw, int max, boolean freeText) {
    if (raw == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(raw.length(), max));
    boolean escaped = false;
    for (int i = 0; i < raw.length() && b.length() < max; ) {
      int cp = raw.codePointAt(i);
      int kind = Character.getType(cp);
      boolean allowedWhitespace = freeText && (cp == '\n' || cp == '\t');
      if ((kind == Character.CONTROL || kind == Character.FORMAT) && !allowedWhitespace) {
        b.append(String.format(Locale.ROOT, "\\u%04X", cp));
        escaped = true;
      } else {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    if (escaped) {
      problems.add(field + ": contains control or format characters (kept escaped as \\uXXXX)");
    }
    if (raw.length() > max) {
      problems.add(
          field
              + ": "
              + raw.length()
              + " characters; at most "
              + max
              + " (kept the first "
              + max
              + ")");
    }
    return b.length() > max ? b.substring(0, max) : b.toString();
  }
}
