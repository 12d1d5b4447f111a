package io.llexthil.twin.model;

import io.llexthil.twin.Errno;

/**
 * llext_relink_dependency and llext_restore as the seed's C code performs them, statement by
 * statement (the seed is in /work/shared/seed; comments name the C statement each step
 * mirrors). Pointers are addresses and compared as addresses; freed memory reads stale.
 */
public final class UpstreamAlgorithm {
    private static final String RELINK = "llext_relink_dependency";
    private static final String RESTORE = "llext_restore";

    private UpstreamAlgorithm() {
    }

    /**
     * @param copies the flat array of copies: copies[i] lives at Addresses.copy(i)
     * @return 0 or -ENOENT
     */
    public static int relink(Machine m, LlextStruct[] copies) {
        int n = copies.length;
        for (int i = 0; i < n; i++) {
            // for (j = 0; ext[i].dependency[j] && j < ARRAY_SIZE(ext[i].dependency); j++)
            for (int j = 0; m.readDependency(copies[i], j, RELINK + ": dependency loop") != 0
                    && m.continuesPastLastSlot(j); j++) {
                final int slot = j;
                final LlextStruct of = copies[i];
                LlextStruct dep = m.deref(m.dependencyAt(of, j), () -> "dependency[" + slot + "]->name of '" + of.name + "'",
                        RELINK);
                String depName = dep == null ? null : dep.name;
                int k;
                for (k = 0; k < n; k++) {
                    if (copies[k].name.equals(depName)) {
                        copies[i].dependency[j] = copies[k].address;
                        m.dbg(RELINK, "backup " + copies[i].name + " depends on " + copies[k].name);
                        break;
                    }
                }
                if (k == n) {
                    return -Errno.ENOENT;
                }
            }
        }
        return 0;
    }

    /**
     * @param ext array of n pointers to copies (replaced by the call)
     * @param ldr array of n loaders (their sect_map replaced by the call)
     */
    public static int restore(Machine m, long[] ext, Loader[] ldr) {
        final int n = ext.length;
        final int ptr = m.sizes.ptr();
        final Heap heap = m.heap;
        // struct llext_elf_sect_map **map = llext_alloc(sizeof(*map) * n_ext);
        long map = heap.alloc(ptr * n, "list of section maps (map[])", RESTORE + ": map = llext_alloc");
        heap.makeArray(map, n);
        // struct llext *first = ext[0], *last = ext[n_ext - 1];
        long first;
        long last;
        if (n == 0) {
            m.ub.add(new UbEvent("out-of-bounds-read", RESTORE + ": first = ext[0]",
                    "ext[0] read with n_ext = 0"));
            m.ub.add(new UbEvent("out-of-bounds-read", RESTORE + ": last = ext[n_ext - 1]",
                    "ext[4294967295] read with n_ext = 0 (unsigned wrap: ext[-1] on a 32-bit target, "
                            + "32 GiB past ext on a 64-bit one)"));
            first = 0;
            last = 0;
        } else {
            first = ext[0];
            last = ext[n - 1];
        }
        if (map == 0) {
            m.err(RESTORE, "cannot allocate list of maps of " + (ptr * n));
            return -Errno.ENOMEM;
        }
        int ret;
        int nMap;
        int nExpTab = 0;
        long expTab = 0;
        // for (n_map = 0, n_exp_tab = 0; n_map < n_ext; n_map++)
        for (nMap = 0; nMap < n; nMap++) {
            LlextStruct e = m.structAt(ext[nMap]);
            int size = m.sizes.sectMap() * e.sectCnt;
            long sm = heap.alloc(size, Owners.sectionMap(e.name), RESTORE + ": map[n_map] = llext_alloc");
            heap.writeWord(map, nMap, sm);
            if (sm == 0) {
                m.err(RESTORE, "cannot allocate section map of " + size);
                ret = -Errno.ENOMEM;
                return freeMap(m, map, nMap, ret);
            }
            if (e.expCnt != 0) {
                nExpTab++;
            }
        }
        // struct llext_symbol **exp_tab = llext_alloc(sizeof(*exp_tab) * n_exp_tab);
        expTab = heap.alloc(ptr * nExpTab, "list of exported-symbol tables (exp_tab[])",
                RESTORE + ": exp_tab = llext_alloc");
        heap.makeArray(expTab, nExpTab);
        if (nExpTab != 0) {
            if (expTab == 0) {
                m.err(RESTORE, "cannot allocate list of exported symbol tables of " + (ptr * nExpTab));
                ret = -Errno.ENOMEM;
                return freeMap(m, map, nMap, ret);
            }
            for (int i = 0, j = 0; i < n; i++) {
                LlextStruct e = m.structAt(ext[i]);
                if (e.expCnt != 0) {
                    int size = m.sizes.symbol() * e.expCnt;
                    long t = heap.alloc(size, Owners.symbols(e.name),
                            RESTORE + ": exp_tab[j] = llext_alloc");
                    heap.writeWord(expTab, j, t);
                    if (t == 0) {
                        m.err(RESTORE, "cannot allocate exported symbol table of " + size);
                        ret = -Errno.ENOMEM;
                        return freeSym(m, map, nMap, expTab, nExpTab, ret);
                    }
                    j++; // memcpy(exp_tab[j++], ...): contents are not modelled
                }
            }
        }
        // k_mutex_lock; allocate extensions and add them to the global list
        for (int i = 0, j = 0; i < n; i++) {
            long next = heap.alloc(m.sizes.llext(), Owners.object(m.structAt(ext[i]).name),
                    RESTORE + ": next = llext_alloc");
            if (next == 0) {
                m.err(RESTORE, "cannot allocate LLEXT of " + m.sizes.llext());
                ret = -Errno.ENOMEM;
                return freeLlext(m, ext, map, nMap, expTab, nExpTab, ret);
            }
            final int slot = i;
            LlextStruct copy = m.deref(ext[i], () -> "*ext[" + slot + "]", RESTORE + ": *next = *ext[i]");
            LlextStruct nx = copy.copyTo(next);
            m.place(nx);
            ext[i] = next;
            if (nx.expCnt != 0) {
                nx.expSyms = heap.readWord(expTab, "exp_tab", j++, RESTORE + ": next->exp_tab.syms");
            }
            m.list.append(nx);
        }
        // copy section maps
        for (int i = 0; i < n; i++) {
            long mi = heap.readWord(map, "map", i, RESTORE + ": copy section maps");
            ldr[i].sectMap = mi;
        }
        heap.free(map, RESTORE + ": llext_free(map)");
        heap.free(expTab, RESTORE + ": llext_free(exp_tab)");
        // restore dependencies: walks the WHOLE global list
        for (LlextStruct next = m.list.head; next != null; next = next.nextNode) {
            for (int j = 0; m.readDependency(next, j, RESTORE + ": dependency loop") != 0
                    && m.continuesPastLastSlot(j); j++) {
                long d = m.dependencyAt(next, j);
                if (d < first || d >= last) {
                    m.failureCause = causeOfRange(ext, next, d, first, last);
                    m.err(RESTORE, "dependency out of range");
                    ret = -Errno.EINVAL;
                    return freeLlext(m, ext, map, nMap, expTab, nExpTab, ret);
                }
                final int slot = j;
                final LlextStruct of = next;
                LlextStruct target = m.deref(d, () -> "dependency[" + slot + "]->name of '" + of.name + "'",
                        RESTORE + ": llext_by_name");
                if (target == null) {
                    m.ub.add(new UbEvent("wild-read", RESTORE + ": llext_by_name",
                            "dependency[" + j + "] of '" + next.name + "' points inside the copies but at no struct"));
                }
                LlextStruct found = target == null ? null : m.list.byName(target.name);
                next.dependency[j] = found == null ? 0 : found.address;
                if (found == null) {
                    m.failureCause = "dependency-not-found";
                    m.err(RESTORE, "dependency not found");
                    ret = -Errno.EFAULT;
                    return freeLlext(m, ext, map, nMap, expTab, nExpTab, ret);
                }
                m.dbg(RESTORE, "restore " + next.name + " depends on " + found.name);
            }
        }
        return 0;
    }

    private static String causeOfRange(long[] ext, LlextStruct next, long d, long first, long last) {
        boolean restored = false;
        for (long e : ext) {
            restored |= e == next.address;
        }
        if (!restored) {
            return "preloaded-with-dependencies";
        }
        if (d == last) {
            return "dependency-on-last";
        }
        if (d < first) {
            return "dependency-below-first";
        }
        return "dependency-above-last";
    }

    /** free_locked / free_llext: free only the list nodes that are in ext[], with prev = NULL. */
    private static int freeLlext(Machine m, long[] ext, long map, int nMap, long expTab, int nExpTab, int ret) {
        LlextStruct next = m.list.head;
        LlextStruct tmp = next == null ? null : next.nextNode;
        while (next != null) {
            for (int i = 0; i < ext.length; i++) {
                if (ext[i] == next.address) {
                    m.list.remove(null, next);
                    m.heap.free(next.address, RESTORE + ": free_llext");
                    ext[i] = 0;
                    break;
                }
            }
            next = tmp;
            tmp = next == null ? null : next.nextNode;
        }
        return freeSym(m, map, nMap, expTab, nExpTab, ret);
    }

    /** free_sym: for (i = 0; i < n_exp_tab && exp_tab[i]; i++) llext_free(exp_tab[i]); llext_free(exp_tab); */
    private static int freeSym(Machine m, long map, int nMap, long expTab, int nExpTab, int ret) {
        for (int i = 0; i < nExpTab; i++) {
            long t = m.heap.readWord(expTab, "exp_tab", i, RESTORE + ": free_sym");
            if (t == 0) {
                break;
            }
            m.heap.free(t, RESTORE + ": free_sym llext_free(exp_tab[i])");
        }
        m.heap.free(expTab, RESTORE + ": free_sym llext_free(exp_tab)");
        return freeMap(m, map, nMap, ret);
    }

    /** free_map: for (i = 0; i < n_map; i++) llext_free(map[i]); llext_free(map); */
    private static int freeMap(Machine m, long map, int nMap, int ret) {
        for (int i = 0; i < nMap; i++) {
            long mi = m.heap.readWord(map, "map", i, RESTORE + ": free_map");
            m.heap.free(mi, RESTORE + ": free_map llext_free(map[i])");
        }
        m.heap.free(map, RESTORE + ": free_map llext_free(map)");
        return ret;
    }
}
