package io.llexthil.campaign.fake;

import io.llexthil.campaign.facts.ExtView;
import io.llexthil.campaign.facts.Facts;
import io.llexthil.campaign.twin.TwinResult;
import io.llexthil.campaign.twin.TwinSession;
import io.llexthil.campaign.twin.TwinView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A twin over {@link MiniModel}; {@code crashOn} makes it predict a crash for one command kind. */
public final class FakeTwin implements TwinSession {
    public final MiniModel model = new MiniModel();
    public String crashOn;

    @Override
    public String profile() { return "upstream"; }

    private TwinResult result(String kind, int rc, String name) {
        if (kind.equals(crashOn)) {
            return TwinResult.crashed();
        }
        Facts extra = new Facts();
        if (name != null && rc >= 0) {
            extra.put("use_count", model.list.getOrDefault(name, 0));
        }
        return new TwinResult(rc, false, extra);
    }

    @Override
    public TwinResult upload(String name) { return TwinResult.rc(0); }

    @Override
    public TwinResult load(String name, byte[] image) { return result("load", model.load(name), name); }

    @Override
    public TwinResult unload(String name) { return result("unload", model.unload(name), name); }

    @Override
    public TwinResult call(String name, String symbol) { return TwinResult.rc(model.list.containsKey(name) ? 0 : -2); }

    @Override
    public TwinResult save(List<String> names) { return result("save", model.save(names), null); }

    @Override
    public TwinResult restore(List<Integer> order) { return result("restore", model.restore(), null); }

    @Override
    public TwinResult erase() {
        model.saved = null;
        return TwinResult.rc(0);
    }

    @Override
    public void reset(String buildId) { model.reset(); }

    @Override
    public void armAllocFault(int k) { model.allocFault = k; }

    @Override
    public void clearFaults() { model.allocFault = 0; }

    @Override
    public boolean allocFaultPending() { return model.allocFault > 0; }

    @Override
    public void powerCutDuringSave(List<String> names, boolean committed) {
        if (committed) {
            model.save(names);
        }
        model.reset();
    }

    @Override
    public TwinView view() {
        return new TwinView(exts(model), model.heapUsed(), (long) model.list.size(), model.saved);
    }

    static List<ExtView> exts(MiniModel m) {
        List<ExtView> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : m.list.entrySet()) {
            out.add(new ExtView(e.getKey(), e.getValue(), MiniModel.DEPS.getOrDefault(e.getKey(), List.of()), 1, 4, MiniModel.BYTES));
        }
        return out;
    }
}
