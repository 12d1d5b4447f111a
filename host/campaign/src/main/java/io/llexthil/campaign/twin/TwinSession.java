package io.llexthil.campaign.twin;

import java.util.List;

/**
 * What the campaign needs from the twin: one predicted board that follows the same steps as the
 * real one. {@link TwinSessions} adapts the {@code host/twin} module to it; tests use fakes.
 */
public interface TwinSession {

    /** {@code upstream} or {@code contract}. */
    String profile();

    /** An image was uploaded into the board's image store (RAM: gone after a reset). */
    TwinResult upload(String name);

    /** Loads extension {@code name} from {@code image} (the twin reads its exports and imports). */
    TwinResult load(String name, byte[] image);

    TwinResult unload(String name);

    /** The twin does not run code: it predicts only whether the call can be made (rc). */
    TwinResult call(String name, String symbol);

    /** Empty {@code names} = every loaded extension in list order. */
    TwinResult save(List<String> names);

    /** Empty {@code order} = saved order. */
    TwinResult restore(List<Integer> order);

    TwinResult erase();

    /**
     * A reset: the list and the heap are gone, the flash (saved contexts, images) stays.
     *
     * @param buildId the build booted after the reset, or null for the same one
     */
    void reset(String buildId);

    /** The k-th LLEXT heap allocation from now fails. */
    void armAllocFault(int k);

    void clearFaults();

    /** An armed allocation fault has not been reached yet. */
    boolean allocFaultPending();

    /**
     * Power was cut during a save of {@code names}; the board came back with either the new context
     * ({@code committed}) or the previous one. The runner checks that it is one of the two; the twin
     * follows the board's outcome (it does not model flash operation indices) and is reset.
     */
    void powerCutDuringSave(List<String> names, boolean committed);

    TwinView view();

    /**
     * LLEXT heap allocator calls since the last reset, as the board's {@code fault} reply counts them;
     * -1 when this twin does not count them.
     */
    default long allocCalls() {
        return -1;
    }
}
