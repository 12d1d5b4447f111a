package io.llexthil.twin.model;

import java.util.List;

/**
 * A {@code struct llext} as far as save/restore touch it. It lives at {@code address}: in the
 * caller's flat array of copies, or in a heap block. Copying by value ({@code *next = *ext[i]})
 * is {@link #copyTo}.
 */
public final class LlextStruct {
    public static final int MAX_DEPS = 8;

    public final long address;
    public String name;
    public int useCount;
    /** dependency[0..7] as addresses (0 = NULL). */
    public final long[] dependency = new long[MAX_DEPS];
    public int sectCnt;
    /** exp_tab.sym_cnt and exp_tab.syms (an address: heap block or caller memory). */
    public int expCnt;
    public long expSyms;
    /** sys_snode_t llext_list: the next node. */
    public LlextStruct nextNode;
    /** Not part of the C struct: the exported symbol names, so later loads can resolve imports. */
    public List<String> exports = List.of();
    /** Not part of the C struct: the loader the firmware keeps for this object (its sect_map is the ext's map). */
    public Loader loader;

    public LlextStruct(long address) {
        this.address = address;
    }

    public LlextStruct copyTo(long newAddress) {
        LlextStruct c = new LlextStruct(newAddress);
        c.name = name;
        c.useCount = useCount;
        System.arraycopy(dependency, 0, c.dependency, 0, MAX_DEPS);
        c.sectCnt = sectCnt;
        c.expCnt = expCnt;
        c.expSyms = expSyms;
        c.nextNode = nextNode;
        c.exports = exports;
        return c;
    }

    /** Slots up to the first NULL, never reading past dependency[7] (for reports). */
    public int depCount() {
        int j = 0;
        while (j < MAX_DEPS && dependency[j] != 0) {
            j++;
        }
        return j;
    }
}
