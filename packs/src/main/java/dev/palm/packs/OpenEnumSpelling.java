package dev.palm.packs;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules shared by the open enumerations of the contract ({@link RecoveryActionType}, {@link ScalingMetric},
 * {@link ChannelType}): a standard value is written in snake_case, any other as {@code custom:<name>}.
 */
final class OpenEnumSpelling {

    /** How a custom value's spelling starts. */
    static final String CUSTOM_PREFIX = "custom:";

    private OpenEnumSpelling() {}

    /** Checks the name of a custom value of {@code type}: not null, not blank. */
    static void checkCustomName(Class<?> type, String name) {
        Objects.requireNonNull(name, "custom " + type.getSimpleName() + " name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("custom " + type.getSimpleName() + " name must not be blank");
        }
    }

    /** The spelling of a custom value named {@code name}. */
    static String customSpelling(String name) {
        return CUSTOM_PREFIX + name;
    }

    /**
     * Reads {@code text}: {@code custom:<name>} (a blank name is no value), else one of {@code standards} by its
     * spelling or Java constant name.
     */
    static <T extends Spelling> Optional<T> parse(String text, T[] standards, Function<String, ? extends T> custom) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith(CUSTOM_PREFIX)) {
            String customName = text.substring(CUSTOM_PREFIX.length());
            return customName.isBlank() ? Optional.empty() : Optional.of(custom.apply(customName));
        }
        for (T value : standards) {
            if (value.spelling().equals(text) || value instanceof Enum<?> constant && constant.name().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Lists the accepted spellings, standard ones first, for error messages. */
    static String spellings(Spelling[] standards) {
        return Arrays.stream(standards).map(Spelling::spelling).collect(Collectors.joining(", "))
                + " or " + CUSTOM_PREFIX + "<name>";
    }
}
