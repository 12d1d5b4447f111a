package io.llexthil.campaign.twin;

import io.llexthil.board.BoardInfo;
import io.llexthil.campaign.facts.ExtView;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.twin.ExtState;
import io.llexthil.twin.Profile;
import io.llexthil.twin.StepResult;
import io.llexthil.twin.TargetSizes;
import io.llexthil.twin.TwinBoard;
import io.llexthil.twin.TwinBoardHaltedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapts the {@code host/twin} module's {@link TwinBoard} (the LLEXT algorithm: load, unload,
 * relink, restore, heap) to the campaign, and adds what the HIL core firmware does around it and
 * the twin does not model: the image store (RAM: uploads are gone after a reset, a restore
 * re-instates the saved images; loading a name with no image is {@code -ENOENT}), the context store
 * (erased, written by which build: {@code -ENOENT}, {@code -ENOEXEC}; a context larger than a slot:
 * {@code -ENOSPC}, {@link ContextCapacity}), the argument checks of
 * {@code ctx save} ({@code -EINVAL}), and calls (whose code the twin does not run: 0 when the
 * extension is loaded and exports the symbol, else {@code -ENOENT}).
 */
public final class TwinSessions implements TwinSessionFactory {
    private static final int ENOENT = -2;
    private static final int ENOEXEC = -8;
    private static final int EINVAL = -22;

    @Override
    public TwinSession create(String profile, BoardInfo board) {
        BoardInfo.TargetSizes s = board.sizes();
        TargetSizes sizes = new TargetSizes(s.llext(), s.sectMap(), s.symbol(), s.pointer());
        // the firmware's backend profile names its loader: "zephyr" is Zephyr's LLEXT
        return new Session(Profile.parse(profile), sizes, (int) board.heap().size(), "zephyr".equals(board.profile()),
                ContextCapacity.of(board));
    }

    static final class Session implements TwinSession {
        private final TwinBoard twin;
        private final Profile profile;
        /** A context is in flash (not erased, at least one successful save). */
        private boolean contextValid;
        private List<String> savedNames = List.of();
        private String savedBuild = "default";
        private String bootedBuild = "default";
        private final ContextSlots slots = new ContextSlots();
        /** Names in the board's image store (uploaded since the boot, or re-instated by a restore). */
        private final java.util.Set<String> images = new java.util.HashSet<>();
        /** Exported symbol names per extension name, from the images loaded (restored ones keep theirs). */
        private final java.util.Map<String, List<String>> exportsOf = new java.util.HashMap<>();

        /** Zephyr's LLEXT loads the images (its export rule), else the model boards' loader. */
        private final boolean llextLoader;
        /** How large a context the board's store takes. */
        private final ContextCapacity capacity;
        /** Image length per extension name, from the images loaded (what a save stores). */
        private final java.util.Map<String, Integer> imageLength = new java.util.HashMap<>();

        Session(Profile profile, TargetSizes sizes, int heapSize, boolean llextLoader, ContextCapacity capacity) {
            this.profile = profile;
            this.llextLoader = llextLoader;
            this.capacity = capacity;
            this.twin = new TwinBoard(profile, sizes, heapSize);
        }

        @Override
        public String profile() { return profile.id(); }

        @Override
        public TwinResult upload(String name) {
            images.add(name);
            return TwinResult.rc(0);
        }

        @Override
        public TwinResult load(String name, byte[] image) {
            if (!images.contains(name)) {
                return TwinResult.rc(ENOENT);
            }
            ElfExtensionReader.Meta meta = ElfExtensionReader.read(name, image, llextLoader);
            exportsOf.put(name, meta.exports());
            imageLength.put(name, image.length);
            return guarded(() -> withUseCount(twin.load(meta.spec(name))));
        }

        @Override
        public TwinResult unload(String name) {
            // llext_unload returns the remaining use count; the HIL protocol answers 0 and puts it in use_count
            return guarded(() -> {
                TwinResult r = withUseCount(twin.unload(name));
                return r.rc() != null && r.rc() > 0 ? new TwinResult(0, r.crash(), r.extra()) : r;
            });
        }

        @Override
        public TwinResult call(String name, String symbol) {
            boolean loaded = twin.list().stream().anyMatch(e -> e.name().equals(name));
            boolean exported = exportsOf.getOrDefault(name, List.of()).contains(symbol);
            return TwinResult.rc(loaded && exported ? 0 : ENOENT);
        }

        @Override
        public TwinResult save(List<String> names) {
            List<String> chosen = names.isEmpty() ? twin.list().stream().map(ExtState::name).toList() : names;
            // the firmware checks its arguments before it copies anything: a name twice (given twice, or
            // loaded twice after restoring twice: a context holds one extension per name), more than 16
            if (new java.util.HashSet<>(chosen).size() != chosen.size() || names.size() > TwinBoard.MAX_SAVED_EXT) {
                return TwinResult.rc(EINVAL);
            }
            boolean fits = fitsOneSlot(chosen);
            return guarded(() -> {
                StepResult r = twin.save(names, fits);
                Facts extra = new Facts();
                if (r.rc() == 0) {
                    contextValid = true;
                    savedNames = List.copyOf(chosen);
                    savedBuild = bootedBuild;
                    slots.save(savedNames, bootedBuild);
                    extra.put("saved", savedNames);
                }
                return new TwinResult(r.rc(), r.crashes(), extra);
            });
        }

        /** The store's -ENOSPC: the chosen extensions' context is larger than a slot (unknown names: left to the twin). */
        private boolean fitsOneSlot(List<String> chosen) {
            int maps = 0;
            int syms = 0;
            List<Integer> lengths = new ArrayList<>();
            java.util.Map<String, ExtState> loaded = new java.util.HashMap<>();
            twin.list().forEach(x -> loaded.putIfAbsent(x.name(), x));
            for (String name : chosen) {
                ExtState e = loaded.get(name);
                Integer len = imageLength.get(name);
                if (e == null || len == null) {
                    return true;
                }
                maps += e.sect();
                syms += e.exp();
                lengths.add(len);
            }
            return capacity.fits(maps, syms, lengths);
        }

        @Override
        public TwinResult restore(List<Integer> order) {
            if (!contextValid) {
                return TwinResult.rc(ENOENT);
            }
            if (!savedBuild.equals(bootedBuild)) {
                return TwinResult.rc(ENOEXEC);
            }
            // the core refuses (-EBUSY) only a saved image whose place is taken by a different image;
            // the same image is refreshed in place even while loaded, so restoring twice runs
            // llext_restore again. Scenarios re-upload the very same images, so that refusal is not modelled.
            // the core re-instates every saved image before it calls llext_restore
            images.addAll(savedNames);
            return guarded(() -> {
                StepResult r = twin.restore(order.isEmpty() ? null : order);
                Facts extra = new Facts();
                if (r.rc() == 0) {
                    extra.put("restored", savedNames);
                }
                return new TwinResult(r.rc(), r.crashes(), extra);
            });
        }

        @Override
        public TwinResult erase() {
            contextValid = false;
            savedNames = List.of();
            slots.erase();
            return TwinResult.rc(0);
        }

        @Override
        public void reset(String buildId) {
            if (buildId != null) {
                bootedBuild = buildId;
            }
            images.clear();
            twin.reset();
        }

        @Override
        public void armAllocFault(int k) { twin.faultAlloc(k); }

        @Override
        public boolean allocFaultPending() { return twin.state().faultAlloc() > 0; }

        @Override
        public void clearFaults() {
            if (!twin.halted()) {
                twin.faultAlloc(0);
            }
        }

        @Override
        public void powerCutDuringSave(List<String> names, boolean committed) {
            if (committed && !twin.halted()) {
                save(names);
            } else {
                // the interrupted slot may hold a parsed header that moves later sequence numbers
                slots.forget();
            }
            images.clear();
            twin.reset();
        }

        @Override
        public long allocCalls() {
            return twin.heap().allocCalls();
        }

        @Override
        public TwinView view() {
            List<ExtView> exts = new ArrayList<>();
            for (ExtState e : twin.list()) {
                exts.add(new ExtView(e.name(), e.useCount(), e.deps(), e.exp(), e.sect(), (long) e.alloc()));
            }
            var heap = twin.heap();
            List<String> ctx = contextValid && savedBuild.equals(bootedBuild) ? savedNames : null;
            return new TwinView(exts, (long) heap.used(), (long) heap.allocs(), ctx, slots.active(bootedBuild),
                    slots.view(bootedBuild));
        }

        private TwinResult withUseCount(StepResult r) {
            Facts extra = new Facts();
            if (r.rc() >= 0 && !r.crashes() && r.useCount() != null) {
                // the count of the extension the call operated on (0 = unloaded), as the firmware
                // reports it: not the count of a namesake still listed afterwards
                extra.put("use_count", r.useCount());
            }
            return new TwinResult(r.rc(), r.crashes(), extra);
        }

        private static TwinResult guarded(java.util.function.Supplier<TwinResult> op) {
            try {
                return op.get();
            } catch (TwinBoardHaltedException halted) {
                return TwinResult.crashed();
            }
        }
    }
}
