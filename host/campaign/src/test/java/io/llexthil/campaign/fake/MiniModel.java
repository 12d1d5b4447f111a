package io.llexthil.campaign.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small LLEXT stand-in shared by the fake board and the fake twin: a list with use
 * counts, fixed dependencies (consumer -> producer), 100 heap bytes per loaded extension, one saved
 * context. Tests change one side (a leak, a crash) to see how the runner reports the difference.
 */
public final class MiniModel {
    public static final Map<String, List<String>> DEPS = Map.of("consumer", List.of("producer"));
    public static final long BYTES = 100;

    public final Map<String, Integer> list = new LinkedHashMap<>();
    public List<String> saved;
    public long extraHeap;
    public int allocFault;

    public int load(String name) {
        if (list.containsKey(name)) {
            int before = list.get(name);
            list.put(name, before + 1);
            return before;
        }
        if (allocFault == 1) {
            allocFault = 0;
            return -12;
        }
        if (allocFault > 1) {
            allocFault--;
        }
        for (String d : DEPS.getOrDefault(name, List.of())) {
            if (!list.containsKey(d)) {
                return -2;
            }
            list.merge(d, 1, Integer::sum);
        }
        list.put(name, 1);
        return 0;
    }

    public int unload(String name) {
        Integer uc = list.get(name);
        if (uc == null) {
            return -2;
        }
        if (uc > 1) {
            list.put(name, uc - 1);
            return uc - 1;
        }
        list.remove(name);
        for (String d : DEPS.getOrDefault(name, List.of())) {
            list.computeIfPresent(d, (k, v) -> v - 1);
        }
        return 0;
    }

    public int save(List<String> names) {
        List<String> chosen = names.isEmpty() ? new ArrayList<>(list.keySet()) : names;
        for (String n : chosen) {
            if (!list.containsKey(n)) {
                return -2;
            }
        }
        saved = List.copyOf(chosen);
        return 0;
    }

    public int restore() {
        if (saved == null) {
            return -2;
        }
        for (String n : saved) {
            list.put(n, 1);
        }
        for (String n : saved) {
            for (String d : DEPS.getOrDefault(n, List.of())) {
                list.merge(d, 1, Integer::sum);
            }
        }
        return 0;
    }

    public void reset() {
        list.clear();
        extraHeap = 0;
        allocFault = 0;
    }

    public long heapUsed() {
        return list.size() * BYTES + extraHeap;
    }
}
