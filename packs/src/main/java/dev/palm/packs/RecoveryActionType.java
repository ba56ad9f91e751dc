package dev.palm.packs;

import java.util.Optional;

/**
 * What a recovery action does.
 *
 * <p>The original is a Rust enum with a {@code Custom(String)} variant, so this is a sealed type:
 * the standard values are the constants of {@link Standard} (also reachable as constants of this
 * interface, e.g. {@link #RESTART}), and {@link Custom} carries any other name. In pack files a
 * standard value is written in snake_case ({@code restart}) and a custom one as {@code
 * custom:<name>}.
 */
public sealed interface RecoveryActionType extends Spelling
    permits RecoveryActionType.Standard, RecoveryActionType.Custom {

  /** Written {@code restart}. */
  RecoveryActionType RESTART = Standard.RESTART;

  /** Written {@code restore_checkpoint}. */
  RecoveryActionType RESTORE_CHECKPOINT = Standard.RESTORE_CHECKPOINT;

  /** Written {@code failover}. */
  RecoveryActionType FAILOVER = Standard.FAILOVER;

  /** Written {@code scale_up}. */
  RecoveryActionType SCALE_UP = Standard.SCALE_UP;

  /** Written {@code migrate}. */
  RecoveryActionType MIGRATE = Standard.MIGRATE;

  /** Written {@code rollback}. */
  RecoveryActionType ROLLBACK = Standard.ROLLBACK;

  /** Written {@code notify}. */
  RecoveryActionType NOTIFY = Standard.NOTIFY;

  /** Tells whether this is a {@link Custom} value. */
  default boolean isCustom() {
    return this instanceof Custom;
  }

  /** The standard values. */
  enum Standard implements RecoveryActionType {
    /** Written {@code restart}. */
    RESTART("restart"),
    /** Written {@code restore_checkpoint}. */
    RESTORE_CHECKPOINT("restore_checkpoint"),
    /** Written {@code failover}. */
    FAILOVER("failover"),
    /** Written {@code scale_up}. */
    SCALE_UP("scale_up"),
    /** Written {@code migrate}. */
    MIGRATE("migrate"),
    /** Written {@code rollback}. */
    ROLLBACK("rollback"),
    /** Written {@code notify}. */
    NOTIFY("notify");

    private final String spelling;

    Standard(String spelling) {
      this.spelling = spelling;
    }

    @Override
    public String spelling() {
      return spelling;
    }
  }

  /**
   * A platform-specific value outside the standard set.
   *
   * @param name the custom name, non-blank
   */
  record Custom(String name) implements RecoveryActionType {

    /** Checks that the name is not blank. */
    public Custom {
      OpenEnumSpelling.checkCustomName(RecoveryActionType.class, name);
    }

    @Override
    public String spelling() {
      return OpenEnumSpelling.customSpelling(name);
    }

    @Override
    public String toString() {
      return spelling();
    }
  }

  /** Returns a custom value named {@code name}. */
  static RecoveryActionType custom(String name) {
    return new Custom(name);
  }

  /**
   * Reads a value written in a pack file: a standard spelling (or Java constant name), or {@code
   * custom:<name>}.
   */
  static Optional<RecoveryActionType> parse(String text) {
    return OpenEnumSpelling.parse(text, Standard.values(), Custom::new);
  }

  /** Lists the accepted spellings, for error messages. */
  static String spellings() {
    return OpenEnumSpelling.spellings(Standard.values());
  }
}
