package io.llexthil.twin.model;

/** A {@code struct llext_loader} as far as restore touches it: its section map pointer. */
public final class Loader {
    /** Which saved copy this loader was built for (restore pairs ldr[i] with ext[i]). */
    public final int copyIndex;
    public long sectMap;

    public Loader(int copyIndex, long sectMap) {
        this.copyIndex = copyIndex;
        this.sectMap = sectMap;
    }
}
