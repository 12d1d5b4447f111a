package io.llexthil.junit;

import io.llexthil.board.LlextState;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on {@code hil state}: the global extension list (in its order) and the heap. */
public final class LlextStateAssert extends AbstractAssert<LlextStateAssert, LlextState> {

    LlextStateAssert(LlextState actual) {
        super(actual, LlextStateAssert.class);
    }

    /** Exactly these extensions are loaded, in this order (the order of the global list). */
    public LlextStateAssert hasExtensions(String... names) {
        isNotNull();
        List<String> expected = Arrays.asList(names);
        if (!names().equals(expected)) {
            failWithMessage("Expecting the board's extensions to be exactly %s (in list order) but they were %s",
                    expected, names());
        }
        return this;
    }

    public LlextStateAssert hasNoExtensions() {
        isNotNull();
        if (!actual.exts().isEmpty()) {
            failWithMessage("Expecting no extension loaded but found %s", names());
        }
        return this;
    }

    /** Nothing is allocated on the LLEXT heap (e.g. after everything was unloaded or a restore failed). */
    public LlextStateAssert hasNoHeapInUse() {
        isNotNull();
        if (actual.heap().used() != 0) {
            failWithMessage("Expecting an empty LLEXT heap but %s bytes are in use in %s allocations (extensions: %s)",
                    actual.heap().used(), actual.heap().allocs(), names());
        }
        return this;
    }

    /** Continues with the loaded extension {@code name}; fails when it is not loaded. */
    public ExtensionAssert extension(String name) {
        isNotNull();
        return actual.exts().stream().filter(e -> e.name().equals(name)).findFirst()
                .map(ExtensionAssert::new)
                .orElseThrow(() -> failure("Expecting extension '%s' to be loaded but the board has %s", name, names()));
    }

    private List<String> names() {
        return actual.exts().stream().map(LlextState.Ext::name).toList();
    }
}
