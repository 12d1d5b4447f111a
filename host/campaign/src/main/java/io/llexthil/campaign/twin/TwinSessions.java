package io.llexthil.campaign.twin;

import io.llexthil.board.BoardInfo;
import io.llexthil.campaign.run.ExtView;
import io.llexthil.campaign.run.Facts;
import io.llexthil.twin.ExtState;
import io.llexthil.twin.ExtensionSpec;
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
 * the twin does not model: the context store (erased, written by which build), the image store's
 * refusal to re-instate an image that is loaded ({@code -EBUSY}), and calls (whose code the twin
 * does not run: 0 when the extension is loaded and exports the symbol, else {@code -ENOENT}).
 */
public final class TwinSessions implements TwinSessionFactory {
    private static final int EBUSY = -16;
    private static final int ENOENT = -2;
    private static final int ENOEXEC = -8;

    @Override
    public TwinSession create(String profile, BoardInfo board) {
        BoardInfo.TargetSizes s = board.sizes();
        TargetSizes sizes = new TargetSizes(s.llext(), s.sectMap(), s.symbol(), s.pointer());
        return new Session(Profile.parse(profile), sizes, (int) board.heap().size());
    }

    static final class Session implements TwinSession {
        private final TwinBoard twin;
        private final Profile profile;
        /** A context is in flash (not erased, at least one successful save). */
        private boolean contextValid;
        private List<String> savedNames = List.of();
        private String savedBuild = "default";
        private String bootedBuild = "default";

        Session(Profile profile, TargetSizes sizes, int heapSize) {
            this.profile = profile;
            this.twin = new TwinBoard(profile, sizes, heapSize);
        }

        @Override
        public String profile() { return profile.id(); }

        @Override
        public TwinResult load(String name, byte[] image) {
            ElfExtensionReader.Meta meta = ElfExtensionReader.read(name, image);
            return guarded(() -> withUseCount(twin.load(new ExtensionSpec(name, meta.exports(), meta.imports(),
                    meta.sections())), name));
        }

        @Override
        public TwinResult unload(String name) {
            return guarded(() -> withUseCount(twin.unload(name), name));
        }

        @Override
        public TwinResult call(String name, String symbol) {
            boolean ok = twin.list().stream().anyMatch(e -> e.name().equals(name));
            // the twin knows export counts, not names, of loaded extensions: a missing symbol shows as an rc divergence
            return TwinResult.rc(ok ? 0 : ENOENT);
        }

        @Override
        public TwinResult save(List<String> names) {
            List<String> chosen = names.isEmpty() ? twin.list().stream().map(ExtState::name).toList() : names;
            return guarded(() -> {
                StepResult r = twin.save(names);
                Facts extra = new Facts();
                if (r.rc() == 0) {
                    contextValid = true;
                    savedNames = List.copyOf(chosen);
                    savedBuild = bootedBuild;
                    extra.put("saved", savedNames);
                }
                return new TwinResult(r.rc(), r.crashes(), extra);
            });
        }

        @Override
        public TwinResult restore(List<Integer> order) {
            if (!contextValid) {
                return TwinResult.rc(ENOENT);
            }
            if (!savedBuild.equals(bootedBuild)) {
                return TwinResult.rc(ENOEXEC);
            }
            List<String> loaded = twin.list().stream().map(ExtState::name).toList();
            if (savedNames.stream().anyMatch(loaded::contains)) {
                return TwinResult.rc(EBUSY);
            }
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
            return TwinResult.rc(0);
        }

        @Override
        public void reset(String buildId) {
            if (buildId != null) {
                bootedBuild = buildId;
            }
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
            }
            twin.reset();
        }

        @Override
        public TwinView view() {
            List<ExtView> exts = new ArrayList<>();
            for (ExtState e : twin.list()) {
                exts.add(new ExtView(e.name(), e.useCount(), e.deps(), e.exp(), e.sect(), (long) e.alloc()));
            }
            var heap = twin.heap();
            List<String> ctx = contextValid && savedBuild.equals(bootedBuild) ? savedNames : null;
            return new TwinView(exts, (long) heap.used(), (long) heap.allocs(), ctx);
        }

        private TwinResult withUseCount(StepResult r, String name) {
            Facts extra = new Facts();
            if (r.rc() >= 0 && !r.crashes()) {
                int uc = twin.list().stream().filter(e -> e.name().equals(name)).mapToInt(ExtState::useCount)
                        .findFirst().orElse(0);
                extra.put("use_count", uc);
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
