package io.llexthil.twin.model;

/** One allocation on the LLEXT heap. Words model pointer arrays stored in the block. */
public final class HeapBlock {
    public final int id;
    public final long address;
    public final int size;
    public final String owner;
    public final String site;
    boolean live = true;
    /** Contents when the block holds an array of pointers (map[], exp_tab[]); stale after free. */
    long[] words;
    /** The struct llext stored in this block, if any (stale once freed). */
    LlextStruct struct;

    HeapBlock(int id, long address, int size, String owner, String site) {
        this.id = id;
        this.address = address;
        this.size = size;
        this.owner = owner;
        this.site = site;
    }

    public boolean live() {
        return live;
    }
}
