package io.llexthil.campaign.twin;

import io.llexthil.twin.ElfImage;
import io.llexthil.twin.ExtensionSpec;

import java.util.List;

/**
 * Reads what the twin needs from an extension image with the twin's own reader ({@link ElfImage}),
 * by the export rule of the board's loader: Zephyr's LLEXT (board profile {@code zephyr}) exports
 * the {@code .exported_sym} entries, the model boards' loader its default-visibility globals.
 */
public final class ElfExtensionReader {

    /** The exports, imports (in symbol-table order), section count and load-time symbol count of one image. */
    public record Meta(List<String> exports, List<String> imports, int sections, int symbols) {
        public ExtensionSpec spec(String name) {
            return new ExtensionSpec(name, exports, imports, sections, symbols);
        }
    }

    private ElfExtensionReader() { }

    /** With the model boards' export rule. */
    public static Meta read(String name, byte[] img) {
        return read(name, img, false);
    }

    public static Meta read(String name, byte[] img, boolean llextLoader) {
        ExtensionSpec s = ElfImage.read(name, img, llextLoader ? ElfImage.ExportRule.EXPORTED_SYM_SECTION
                : ElfImage.ExportRule.DEFAULT_VISIBILITY);
        return new Meta(s.exports(), s.imports(), s.sections(), s.symbols());
    }
}
