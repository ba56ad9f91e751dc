package dev.palm.packs.conformance;

import dev.palm.packs.PlatformProfile;

/** How the conformance suite recognises and names profiles. */
final class Profiles {

  private Profiles() {}

  static boolean isMapleverse(PlatformProfile profile) {
    return PlatformProfile.MAPLEVERSE.equals(profile);
  }

  static boolean isFinalverse(PlatformProfile profile) {
    return PlatformProfile.FINALVERSE.equals(profile);
  }

  static boolean isIBank(PlatformProfile profile) {
    return PlatformProfile.IBANK.equals(profile);
  }

  /**
   * The profile as the original's Rust {@code Debug} printed it ({@code Mapleverse}, {@code IBank},
   * {@code Custom("my-platform")}), because {@code profile_matches} compares and reports that form.
   */
  static String debugName(PlatformProfile profile) {
    if (profile.isCustom()) {
      return "Custom(\"" + profile.name() + "\")";
    }
    if (isIBank(profile)) {
      return "IBank";
    }
    String name = profile.name();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
