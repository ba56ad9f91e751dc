package dev.palm.streams.operations;

/**
 * What a timer punctuator calls for each stored item that has come due (an expired approval, an escalation, a
 * hold to auto-release).
 *
 * @param <T> the stored item
 */
@FunctionalInterface
public interface DueHandler<T> {

    /**
     * Handles one due item.
     *
     * @param storeKey the item's key in its store
     * @param item     the item
     * @param now      the punctuation's wall-clock time, epoch ms
     */
    void handle(String storeKey, T item, long now);
}
