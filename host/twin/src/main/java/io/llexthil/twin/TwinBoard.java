package io.llexthil.twin;

import io.llexthil.twin.model.Addresses;
import io.llexthil.twin.model.ContractAlgorithm;
import io.llexthil.twin.model.HeapBlock;
import io.llexthil.twin.model.HeapEvent;
import io.llexthil.twin.model.HeapModel;
import io.llexthil.twin.model.LlextStruct;
import io.llexthil.twin.model.Loader;
import io.llexthil.twin.model.LogLine;
import io.llexthil.twin.model.Machine;
import io.llexthil.twin.model.Owners;
import io.llexthil.twin.model.UbEvent;
import io.llexthil.twin.model.UpstreamAlgorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model board: the firmware's load / unload / ctx save / reset / ctx restore / fault alloc,
 * each step predicted (rc, log, heap events, crash, list and heap afterwards). Pure and
 * deterministic; not thread-safe (one board, one campaign thread).
 */
public final class TwinBoard {
    /** The firmware's snapshot limits (firmware/core/include/hil/backend.h). */
    public static final int MAX_SAVED_EXT = 16;
    public static final int MAX_SAVED_MAPS = 512;
    public static final int MAX_SAVED_SYMS = 128;
    public static final int NAME_MAX = 15;

    private final Profile profile;
    private final TargetSizes sizes;
    private final int heapSize;
    private final HeapModel heapModel;
    private Machine m;
    private SavedContext saved;
    private int boot = 1;
    private boolean halted;
    private RestoreCall lastRestore;
    /** Set by a step that hit a non-heap assertion; consumed by end(). */
    private boolean asserted;
    /** Explorer fast path: steps do not snapshot the list (callers read it once at the end). */
    private boolean lean;

    /** ext[] and ldr[] as the last llext_restore call left them, with the copies it was given. */
    record RestoreCall(long[] extBefore, long[] extAfter, Loader[] ldr, int eventsBefore, int logBefore,
                       int ubBefore) {
    }

    /** A board whose LLEXT heap is Zephyr's sys_heap (what the campaign compares boards with). */
    public TwinBoard(Profile profile, TargetSizes sizes, int heapSize) {
        this(profile, sizes, heapSize, HeapModel.ZEPHYR);
    }

    public TwinBoard(Profile profile, TargetSizes sizes, int heapSize, HeapModel heapModel) {
        this.profile = profile;
        this.sizes = sizes;
        this.heapSize = heapSize;
        this.heapModel = heapModel;
        this.m = newMachine();
    }

    private Machine newMachine() {
        Machine fresh = new Machine(sizes, heapSize, heapModel);
        fresh.slotBoundDropped = profile == Profile.UPSTREAM_OPTIMISED;
        return fresh;
    }

    public Profile profile() {
        return profile;
    }

    public boolean halted() {
        return halted;
    }

    TwinBoard lean() {
        lean = true;
        return this;
    }

    Machine machine() {
        return m;
    }

    RestoreCall lastRestore() {
        return lastRestore;
    }

    // ---------------------------------------------------------------- load / unload

    /** Loads an image: 0 for a fresh load, the previous use count for a duplicate name, or -errno. */
    public StepResult load(ExtensionSpec spec) {
        Mark mark = begin("load " + spec.name());
        int rc = doLoad(spec);
        // the extension the call loaded or counted again is the first namesake (llext_load looks
        // it up with llext_by_name before anything else)
        LlextStruct loaded = rc >= 0 ? m.list.byName(spec.name()) : null;
        return end(mark, rc, loaded == null ? null : loaded.useCount);
    }

    /**
     * llext_load (llext.c) + do_llext_load (llext_load.c), the allocations in upstream's order: the
     * struct, the loader's section map (llext_load_elf_data), the load-time symbol table
     * (llext_allocate_symtab: every global function or object symbol, a 0-byte request when there
     * is none, which sys_heap answers with NULL), linking (each import resolved against the list,
     * each provider added to the first free dependency slot with its use count incremented), the
     * exported-symbol table (llext_export_symbols, only with exports); then the "out:" path frees
     * the symbol table. A failure frees the section map (llext_free_inspection_data), the symbol
     * table, the exported table and the struct, in that order; dependencies added before it keep
     * their counts (the failure path does not call llext_dependency_remove_all). The model boards'
     * loader (firmware/model) makes the same calls in the same order.
     */
    private int doLoad(ExtensionSpec spec) {
        if (spec.name().length() > NAME_MAX) {
            return -Errno.ENAMETOOLONG;
        }
        LlextStruct existing = m.list.byName(spec.name());
        if (existing != null) {
            return existing.useCount++;
        }
        String site = "llext_load";
        long obj = m.heap.alloc(sizes.llext(), Owners.object(spec.name()), site);
        if (obj == 0) {
            return -Errno.ENOMEM;
        }
        long map = m.heap.alloc(sizes.sectMap() * spec.sections(), Owners.sectionMap(spec.name()), site);
        if (map == 0) {
            m.heap.free(obj, site + ": error path");
            return -Errno.ENOMEM;
        }
        long symTab = m.heap.alloc(sizes.symbol() * spec.symbols(), Owners.symbolTable(spec.name()),
                site + ": llext_allocate_symtab");
        if (symTab == 0) {
            return loadFailed(obj, map, 0, 0, -Errno.ENOMEM);
        }
        LlextStruct s = new LlextStruct(obj);
        s.name = spec.name();
        s.sectCnt = spec.sections();
        for (String sym : spec.imports()) {
            LlextStruct provider = null;
            for (LlextStruct n = m.list.head; n != null && provider == null; n = n.nextNode) {
                if (n.exports.contains(sym)) {
                    provider = n;
                }
            }
            if (provider == null) {
                return loadFailed(obj, map, symTab, 0, -Errno.ENODATA);
            }
            addDependency(s, provider);
        }
        long syms = 0;
        if (!spec.exports().isEmpty()) {
            syms = m.heap.alloc(sizes.symbol() * spec.exports().size(), Owners.symbols(spec.name()), site);
            if (syms == 0) {
                return loadFailed(obj, map, symTab, 0, -Errno.ENOMEM);
            }
        }
        // do_llext_load's "out:": the symbol table is only needed while loading
        m.heap.free(symTab, site + ": end of loading, symbol table");
        s.useCount = 1;
        s.expCnt = spec.exports().size();
        s.expSyms = syms;
        s.exports = spec.exports();
        m.place(s);
        m.list.append(s);
        s.loader = new Loader(-1, map);
        return 0;
    }

    /** do_llext_load's "out:" path, then llext_load's llext_free(*ext). */
    private int loadFailed(long obj, long map, long symTab, long syms, int rc) {
        String site = "llext_load: error path";
        m.heap.free(map, site + " llext_free_inspection_data");
        m.heap.free(symTab, site + " symbol table");
        m.heap.free(syms, site);
        m.heap.free(obj, site);
        return rc;
    }

    /** llext_dependency_add (llext_link.c): already there, or the first free slot; 8 used: dropped. */
    private static void addDependency(LlextStruct s, LlextStruct provider) {
        for (int slot = 0; slot < LlextStruct.MAX_DEPS; slot++) {
            if (s.dependency[slot] == provider.address) {
                return;
            }
            if (s.dependency[slot] == 0) {
                s.dependency[slot] = provider.address;
                provider.useCount++;
                return;
            }
        }
    }

    /**
     * Unloads by name as the Zephyr backend does: {@code llext_by_name} (the first namesake), then
     * on the last reference {@code llext_free_inspection_data} (the kept section map), then
     * {@code llext_unload}: use count down; still used: return it; else unlink,
     * {@code llext_dependency_remove_all} (each dependency's count down, and
     * {@code __ASSERT(use_count)}: a dependency reaching 0 halts a CONFIG_ASSERT board there), then
     * free the exported table and the struct. Returns the remaining count (0 = freed) or -ENOENT.
     */
    public StepResult unload(String name) {
        Mark mark = begin("unload " + name);
        LlextStruct s = m.list.byName(name);
        if (s == null) {
            return end(mark, -Errno.ENOENT);
        }
        if (s.useCount == 0) {
            // only after an underrun a CONFIG_ASSERT board halted on already
            m.log.add(new LogLine("assert", "llext_unload", "A valid LLEXT cannot have a zero use-count! ('"
                    + name + "')"));
            return endAsserted(mark);
        }
        if (s.useCount == 1 && s.loader != null) {
            m.heap.free(s.loader.sectMap, "llext_free_inspection_data: section map");
            s.loader.sectMap = 0;
        }
        if (--s.useCount > 0) {
            return end(mark, s.useCount, s.useCount);
        }
        m.list.findAndRemove(s);
        for (int j = 0; j < s.depCount(); j++) {
            LlextStruct dep = m.deref(s.dependency[j], () -> "dependency of '" + name + "'", "llext_unload");
            if (dep != null) {
                if (dep.useCount > 0) {
                    dep.useCount--;
                }
                if (dep.useCount == 0) {
                    m.log.add(new LogLine("assert", "llext_dependency_remove_all",
                            "LLEXT dependency use-count underrun! ('" + dep.name + "', a dependency of '" + name + "')"));
                    return endAsserted(mark);
                }
            }
        }
        m.heap.free(s.expSyms, "llext_unload: exported symbols");
        m.heap.free(s.address, "llext_unload: struct llext");
        return end(mark, 0, 0);
    }

    // ---------------------------------------------------------------- save / reset / restore

    /** ctx save: names in this order (empty = every loaded extension in list order). Returns relink's rc. */
    public StepResult save(List<String> names) {
        return save(names, true);
    }

    /**
     * ctx save on a board whose context store may be too small for it: after a successful relink,
     * {@code fitsInSlot} false is the store's {@code -ENOSPC}, and the previous context stays.
     */
    public StepResult save(List<String> names, boolean fitsInSlot) {
        Mark mark = begin("ctx save");
        List<LlextStruct> chosen = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            chosen.addAll(m.list.nodes());
        } else {
            for (String n : names) {
                LlextStruct s = m.list.byName(n);
                if (s == null) {
                    return end(mark, -Errno.ENOENT);
                }
                chosen.add(s);
            }
        }
        int maps = 0;
        int syms = 0;
        for (LlextStruct s : chosen) {
            maps += s.sectCnt;
            syms += s.expCnt;
        }
        if (chosen.size() > MAX_SAVED_EXT || maps > MAX_SAVED_MAPS || syms > MAX_SAVED_SYMS) {
            return end(mark, -Errno.ENOSPC);
        }
        LlextStruct[] copies = new LlextStruct[chosen.size()];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = chosen.get(i).copyTo(Addresses.copy(i, sizes.llext()));
            copies[i].nextNode = null;
            m.place(copies[i]);
        }
        int rc = profile.upstream() ? UpstreamAlgorithm.relink(m, copies)
                : ContractAlgorithm.relink(m, copies);
        if (rc == 0 && !fitsInSlot) {
            return end(mark, -Errno.ENOSPC); // the store refuses before it erases anything
        }
        if (rc == 0) {
            List<SavedCopy> out = new ArrayList<>();
            for (LlextStruct c : copies) {
                List<Integer> deps = new ArrayList<>();
                for (int j = 0; j < c.depCount(); j++) {
                    deps.add(copyIndex(c.dependency[j], copies.length));
                }
                out.add(new SavedCopy(c.name, c.useCount, c.sectCnt, c.exports, deps));
            }
            saved = new SavedContext(out);
        }
        return end(mark, rc);
    }

    private int copyIndex(long address, int n) {
        long off = address - Addresses.COPIES_BASE;
        if (off >= 0 && off % sizes.llext() == 0 && off / sizes.llext() < n) {
            return (int) (off / sizes.llext());
        }
        return -1;
    }

    /** Puts a saved context in flash directly, as if a ctx save had written it. */
    public void installSaved(SavedContext context) {
        for (SavedCopy c : context.copies()) {
            for (int d : c.deps()) {
                if (d < -1 || d >= context.copies().size()) {
                    throw new ScenarioException("saved copy '" + c.name() + "': dependency index " + d
                            + " is neither -1 nor a copy index (0.." + (context.copies().size() - 1) + ")");
                }
            }
        }
        this.saved = context;
    }

    public SavedContext saved() {
        return saved;
    }

    /** A reset: fresh heap, empty list, faults disarmed; the saved context (flash) survives. */
    public StepResult reset() {
        m = newMachine();
        halted = false;
        lastRestore = null;
        boot++;
        return new StepResult("reset", 0, List.of(), List.of(), List.of(), false, null, List.of(), 0, null);
    }

    /**
     * ctx restore as the firmware does it: -ENOENT without a saved context, -EINVAL unless
     * {@code order} (null = identity) is a permutation, 0 without calling llext_restore when n = 0.
     */
    public StepResult restore(List<Integer> order) {
        Mark mark = begin("ctx restore");
        if (saved == null) {
            return end(mark, -Errno.ENOENT);
        }
        int n = saved.copies().size();
        List<Integer> o = order == null ? identity(n) : order;
        if (o.size() != n || new HashSet<>(o).size() != n || o.stream().anyMatch(i -> i < 0 || i >= n)) {
            return end(mark, -Errno.EINVAL);
        }
        if (n == 0) {
            return end(mark, 0);
        }
        return end(mark, callRestore(o));
    }

    /** llext_restore called on exactly this ext[] (any copy indices, even n = 0), for predictions. */
    public StepResult restoreRaw(List<Integer> order) {
        Mark mark = begin("llext_restore");
        if (saved == null) {
            throw new ScenarioException("no saved context to restore");
        }
        int n = saved.copies().size();
        List<Integer> o = order == null ? identity(n) : order;
        for (int i : o) {
            if (i < 0 || i >= n) {
                throw new ScenarioException("order names copy " + i + ", the saved array has " + n);
            }
        }
        return end(mark, callRestore(o));
    }

    private static List<Integer> identity(int n) {
        List<Integer> o = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            o.add(i);
        }
        return o;
    }

    private int callRestore(List<Integer> order) {
        List<SavedCopy> sc = saved.copies();
        Loader[] loaders = new Loader[sc.size()];
        for (int i = 0; i < sc.size(); i++) {
            SavedCopy c = sc.get(i);
            LlextStruct s = new LlextStruct(Addresses.copy(i, sizes.llext()));
            s.name = c.name();
            s.useCount = c.useCount();
            s.sectCnt = c.sections();
            s.expCnt = c.exports().size();
            s.expSyms = s.expCnt > 0 ? Addresses.savedSyms(i) : 0;
            s.exports = c.exports();
            for (int j = 0; j < c.deps().size(); j++) {
                int d = c.deps().get(j);
                s.dependency[j] = d >= 0 ? Addresses.copy(d, sizes.llext()) : Addresses.foreign(i * 8 + j);
            }
            m.place(s);
            loaders[i] = new Loader(i, Addresses.savedMap(i));
        }
        long[] ext = new long[order.size()];
        Loader[] ldr = new Loader[order.size()];
        for (int i = 0; i < ext.length; i++) {
            ext[i] = Addresses.copy(order.get(i), sizes.llext());
            ldr[i] = loaders[order.get(i)];
        }
        long[] before = ext.clone();
        m.failureCause = null;
        int events = m.heap.events().size();
        int logs = m.log.size();
        int ubs = m.ub.size();
        int rc = profile.upstream() ? UpstreamAlgorithm.restore(m, ext, ldr)
                : ContractAlgorithm.restore(m, ext, ldr);
        for (int i = 0; i < ext.length; i++) {
            LlextStruct obj = m.heap.block(ext[i]) != null ? m.structAt(ext[i]) : null;
            if (obj != null) {
                obj.loader = ldr[i];
            }
        }
        lastRestore = new RestoreCall(before, ext, ldr, events, logs, ubs);
        return rc;
    }

    // ---------------------------------------------------------------- faults and state

    /** fault alloc k: the k-th LLEXT heap allocation from now fails (0 disarms). */
    public void faultAlloc(int k) {
        m.heap.failAllocation(k);
    }

    /** Allocations fail while fewer than {@code bytes} are free (0 = off); twin-only. */
    public void faultExhaust(int bytes) {
        m.heap.exhaustBelow(bytes);
    }

    public BoardState state() {
        return new BoardState(profile.id(), sizes, boot, halted, list(), heap(), saved, m.heap.faultArmed(), leaks());
    }

    public BoardState.HeapStats heap() {
        return new BoardState.HeapStats(m.heap.capacity(), m.heap.used(), m.heap.free(), m.heap.maxUsed(),
                m.heap.liveCount(), m.heap.allocCalls());
    }

    /** The global list in order, as {@code state} reports it. */
    public List<ExtState> list() {
        List<ExtState> out = new ArrayList<>();
        Map<Long, Integer> position = new HashMap<>();
        for (LlextStruct n = m.list.head; n != null; n = n.nextNode) {
            position.put(n.address, position.size());
        }
        for (LlextStruct n = m.list.head; n != null; n = n.nextNode) {
            List<String> deps = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int j = 0; j < n.depCount(); j++) {
                long d = n.dependency[j];
                LlextStruct t = m.structAt(d);
                HeapBlock block = m.heap.block(d);
                // a dangling dependency (freed by an unload while still depended on) reads as "?",
                // as the boards report it (docs/model.md), not as the stale name in freed memory
                deps.add(t == null || (block != null && !block.live()) ? "?" : t.name);
                refs.add(describe(d, position.keySet()));
                at.add(position.getOrDefault(d, -1));
            }
            out.add(new ExtState(n.name, n.useCount, deps, refs, at, n.expCnt, n.sectCnt, held(n),
                    "0x" + Long.toHexString(n.address)));
        }
        return out;
    }

    private String describe(long d, Set<Long> inList) {
        long off = d - Addresses.COPIES_BASE;
        if (d >= Addresses.FOREIGN_BASE && m.heap.block(d) == null) {
            return "foreign";
        }
        HeapBlock b = m.heap.block(d);
        if (b != null) {
            return !b.live() ? "freed" : inList.contains(d) ? "list" : "off-list";
        }
        if (off >= 0 && off % sizes.llext() == 0 && d < Addresses.SAVED_MAPS_BASE) {
            return "copy[" + off / sizes.llext() + "]";
        }
        return "unknown";
    }

    /** Heap bytes the extension holds: its struct, its exported-symbol table, its loader's map. */
    private int held(LlextStruct n) {
        int total = liveSize(n.address) + liveSize(n.expSyms);
        Loader l = n.loader;
        return l == null ? total : total + liveSize(l.sectMap);
    }

    private int liveSize(long address) {
        HeapBlock b = m.heap.block(address);
        return b != null && b.live() ? b.size : 0;
    }

    /** Live heap blocks no extension in the list holds. */
    public List<Outcome.Block> leaks() {
        List<HeapBlock> owned = new ArrayList<>();
        for (LlextStruct n = m.list.head; n != null; n = n.nextNode) {
            addBlock(owned, n.address);
            addBlock(owned, n.expSyms);
            if (n.loader != null) {
                addBlock(owned, n.loader.sectMap);
            }
        }
        List<Outcome.Block> out = new ArrayList<>();
        for (HeapBlock b : m.heap.liveBlocks()) {
            if (!owned.contains(b)) {
                out.add(new Outcome.Block(b.id, b.size, b.owner, b.site));
            }
        }
        return out;
    }

    private void addBlock(List<HeapBlock> owned, long address) {
        HeapBlock b = m.heap.block(address);
        if (b != null) {
            owned.add(b);
        }
    }

    // ---------------------------------------------------------------- step bookkeeping

    private record Mark(String step, int events, int log, int ub) {
    }

    private Mark begin(String step) {
        if (halted) {
            throw new TwinBoardHaltedException(step);
        }
        return new Mark(step, m.heap.events().size(), m.log.size(), m.ub.size());
    }

    private StepResult end(Mark mark, int rc) {
        return end(mark, rc, null);
    }

    /** The step hit an __ASSERT other than the heap's: the board halts (no heap event indexes it). */
    private StepResult endAsserted(Mark mark) {
        asserted = true;
        return end(mark, 0, null);
    }

    private StepResult end(Mark mark, int rc, Integer useCount) {
        List<HeapEvent> ev = m.heap.events().subList(mark.events, m.heap.events().size());
        List<LogLine> log = m.log.subList(mark.log, m.log.size());
        List<UbEvent> ub = m.ub.subList(mark.ub, m.ub.size());
        if (!lean) {
            // a step result outlives the board's next steps: detach it from the live lists
            ev = List.copyOf(ev);
            log = List.copyOf(log);
            ub = List.copyOf(ub);
        }
        Integer crash = null;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).crashesBoard()) {
                crash = i;
                break;
            }
        }
        boolean crashes = crash != null || asserted;
        asserted = false;
        if (crashes) {
            halted = true;
        }
        return new StepResult(mark.step, rc, log, ev, ub, crashes, crash, lean ? List.of() : list(),
                m.heap.used(), useCount);
    }
}
