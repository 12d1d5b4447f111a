package io.llexthil.twin;

import io.llexthil.twin.model.HeapEvent;

import java.util.List;

/** Scenarios and helpers shared by the tests. Target: the protocol's Cortex-M sizes 208/8/8/4. */
final class Fixtures {
    private Fixtures() {
    }

    /** prod: 3 sections, exports 2 symbols; cons: 2 sections, imports prod's p_get, exports nothing. */
    static final ExtensionSpec PROD = new ExtensionSpec("prod", List.of("p_get", "p_put"), List.of(), 3);
    static final ExtensionSpec CONS = new ExtensionSpec("cons", List.of(), List.of("p_get"), 2);

    static Scenario prodCons(List<Integer> order, FaultSpec faults) {
        return new Scenario(null, null, List.of(PROD, CONS), null, null, null, order, null, faults);
    }

    /** "kind:block:size" per event, the compact form the hand-worked expectations use. */
    static List<String> events(Outcome o) {
        return o.heap().events().stream().map(Fixtures::event).toList();
    }

    static String event(HeapEvent e) {
        return e.kind() + ":" + e.block() + ":" + e.size();
    }

    static List<String> errors(Outcome o) {
        return o.log().stream().filter(l -> l.level().equals("err")).map(l -> l.message()).toList();
    }

    static List<String> extSlots(Outcome o) {
        return o.ext().stream().map(s -> switch (s.points()) {
            case "copy" -> "copy" + s.copy();
            case "heap" -> "heap" + s.block() + (s.live() ? "" : "(freed)");
            default -> s.points();
        }).toList();
    }

    static List<String> ldrSlots(Outcome o) {
        return o.ldr().stream().map(l -> l.loader() + ":" + switch (l.sectMap()) {
            case "heap" -> "heap" + l.block() + (l.live() ? "" : "(freed)");
            default -> l.sectMap();
        }).toList();
    }
}
