package io.llexthil.twin.model;

import io.llexthil.twin.Errno;


/**
 * What the header comments promise: relink fails with -ENOENT when a dependency is missing
 * (and then changes nothing); restore validates its input before touching anything, is
 * all-or-nothing, binds each dependency to the new object of the copy it points to (by
 * identity, not by name), and leaves extensions loaded before the call alone.
 * It never reads past dependency[7].
 */
public final class ContractAlgorithm {
    private static final String RELINK = "llext_relink_dependency";
    private static final String RESTORE = "llext_restore";

    private ContractAlgorithm() {
    }

    public static int relink(Machine m, LlextStruct[] copies) {
        int n = copies.length;
        long[][] rewritten = new long[n][];
        for (int i = 0; i < n; i++) {
            rewritten[i] = copies[i].dependency.clone();
            int deps = copies[i].depCount();
            for (int j = 0; j < deps; j++) {
                LlextStruct dep = m.deref(copies[i].dependency[j], () -> "dependency name", RELINK);
                int k = dep == null ? n : indexByName(copies, dep.name);
                if (k == n) {
                    m.err(RELINK, "dependency of " + copies[i].name + " not in the saved set");
                    return -Errno.ENOENT;
                }
                rewritten[i][j] = copies[k].address;
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(rewritten[i], 0, copies[i].dependency, 0, LlextStruct.MAX_DEPS);
            for (int j = 0; j < copies[i].depCount(); j++) {
                m.dbg(RELINK, "backup " + copies[i].name + " depends on " + m.structAt(rewritten[i][j]).name);
            }
        }
        return 0;
    }

    private static int indexByName(LlextStruct[] copies, String name) {
        for (int k = 0; k < copies.length; k++) {
            if (copies[k].name.equals(name)) {
                return k;
            }
        }
        return copies.length;
    }

    public static int restore(Machine m, long[] ext, Loader[] ldr) {
        final int n = ext.length;
        if (n == 0) {
            m.err(RESTORE, "no extensions to restore");
            return -Errno.EINVAL;
        }
        for (int i = 0; i < n; i++) {
            if (slotOf(ext, ext[i]) != i) {
                m.err(RESTORE, "ext[" + i + "] lists a copy already listed");
                return -Errno.EINVAL;
            }
        }
        LlextStruct[] src = new LlextStruct[n];
        for (int i = 0; i < n; i++) {
            src[i] = m.structAt(ext[i]);
            for (int j = 0; j < src[i].depCount(); j++) {
                if (slotOf(ext, src[i].dependency[j]) < 0) {
                    m.err(RESTORE, "dependency " + j + " of " + src[i].name + " is not in the restored set");
                    return -Errno.EINVAL;
                }
            }
        }
        long[] obj = new long[n];
        long[] maps = new long[n];
        long[] syms = new long[n];
        for (int i = 0; i < n; i++) {
            obj[i] = m.heap.alloc(m.sizes.llext(), Owners.object(src[i].name), RESTORE + ": object");
            if (obj[i] == 0) {
                m.err(RESTORE, "cannot allocate LLEXT of " + m.sizes.llext());
                return rollback(m, obj, maps, syms, i);
            }
            if (src[i].sectCnt > 0) {
                int size = m.sizes.sectMap() * src[i].sectCnt;
                maps[i] = m.heap.alloc(size, Owners.sectionMap(src[i].name), RESTORE + ": section map");
                if (maps[i] == 0) {
                    m.err(RESTORE, "cannot allocate section map of " + size);
                    return rollback(m, obj, maps, syms, i);
                }
            }
            if (src[i].expCnt > 0) {
                int size = m.sizes.symbol() * src[i].expCnt;
                syms[i] = m.heap.alloc(size, Owners.symbols(src[i].name),
                        RESTORE + ": exported symbols");
                if (syms[i] == 0) {
                    m.err(RESTORE, "cannot allocate exported symbol table of " + size);
                    return rollback(m, obj, maps, syms, i);
                }
            }
        }
        // commit: nothing below can fail
        for (int i = 0; i < n; i++) {
            LlextStruct nx = src[i].copyTo(obj[i]);
            for (int j = 0; j < src[i].depCount(); j++) {
                int k = slotOf(ext, src[i].dependency[j]);
                nx.dependency[j] = obj[k];
                m.dbg(RESTORE, "restore " + nx.name + " depends on " + src[k].name);
            }
            nx.expSyms = syms[i];
            m.place(nx);
            m.list.append(nx);
        }
        for (int i = 0; i < n; i++) {
            ext[i] = obj[i];
            ldr[i].sectMap = maps[i];
        }
        return 0;
    }

    /** The first slot of ext[] holding this pointer, or -1 (n is at most 16: a scan is cheapest). */
    private static int slotOf(long[] ext, long address) {
        for (int i = 0; i < ext.length; i++) {
            if (ext[i] == address) {
                return i;
            }
        }
        return -1;
    }

    private static int rollback(Machine m, long[] obj, long[] maps, long[] syms, int upTo) {
        for (int i = upTo; i >= 0; i--) {
            m.heap.free(syms[i], RESTORE + ": rollback");
            m.heap.free(maps[i], RESTORE + ": rollback");
            m.heap.free(obj[i], RESTORE + ": rollback");
        }
        return -Errno.ENOMEM;
    }
}
