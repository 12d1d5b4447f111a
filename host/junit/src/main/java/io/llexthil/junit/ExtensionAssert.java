package io.llexthil.junit;

import io.llexthil.board.LlextState;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one loaded extension of {@code hil state}. */
public final class ExtensionAssert extends AbstractAssert<ExtensionAssert, LlextState.Ext> {

    ExtensionAssert(LlextState.Ext actual) {
        super(actual, ExtensionAssert.class);
    }

    /** The extension depends on each of these (it may depend on others too). */
    public ExtensionAssert dependsOn(String... names) {
        List<String> missing = Arrays.stream(names).filter(n -> !actual.deps().contains(n)).toList();
        if (!missing.isEmpty()) {
            failWithMessage("Expecting extension '%s' to depend on %s but its dependencies are %s",
                    actual.name(), missing, actual.deps());
        }
        return this;
    }

    public ExtensionAssert hasNoDependencies() {
        if (!actual.deps().isEmpty()) {
            failWithMessage("Expecting extension '%s' to have no dependencies but it depends on %s",
                    actual.name(), actual.deps());
        }
        return this;
    }

    /** The use count: 1 for the loader itself plus one per extension that depends on it. */
    public ExtensionAssert hasUseCount(int expected) {
        if (actual.useCount() != expected) {
            failWithMessage("Expecting extension '%s' to have use count %s but it has %s",
                    actual.name(), expected, actual.useCount());
        }
        return this;
    }
}
