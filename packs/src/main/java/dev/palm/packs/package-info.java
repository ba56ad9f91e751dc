/**
 * The platform-pack contract: {@link dev.palm.packs.PlatformPack}, its configuration records (one
 * per struct of docs/pack-contract.md §2), {@link dev.palm.packs.PlatformProfile}, {@link
 * dev.palm.packs.PackException} and the {@link dev.palm.packs.registry.PackRegistry} that finds
 * packs.
 *
 * <p>Conventions of the records:
 *
 * <ul>
 *   <li>Components are the reference's snake_case fields in camelCase; {@code Option<T>} is {@code
 *       Optional<T>}, u32 is {@code int}, u64 is {@code long}; JSON values are plain maps, lists,
 *       strings, numbers and booleans (whole numbers as {@code Long}).
 *   <li>{@code X.defaults()} returns the documented defaults, {@code X.builder()} starts from them
 *       (the Java form of the tutorial's {@code ..Default::default()}) and {@code x.toBuilder()}
 *       from an existing value. {@link dev.palm.packs.PlatformResourceConfig} is the one exception:
 *       its component {@code defaults} owns the name, so its static factory is {@code
 *       defaultConfig()}.
 *   <li>Null-safety: {@code null} collections, optionals and nested records become their empty or
 *       default values; {@code null} text, enums and timestamps are rejected with the field's name;
 *       collections are copied immutably (maps sorted, so packs print the same way every time);
 *       unsigned fields reject negative values.
 *   <li>Enumerations have their file spelling ({@link dev.palm.packs.Spelling}); the open ones with
 *       a {@code Custom(String)} variant in the original ({@link dev.palm.packs.ScalingMetric},
 *       {@link dev.palm.packs.RecoveryActionType}, {@link dev.palm.packs.ChannelType}) are sealed
 *       types written {@code custom:<name>} for custom values.
 * </ul>
 */
package dev.palm.packs;
