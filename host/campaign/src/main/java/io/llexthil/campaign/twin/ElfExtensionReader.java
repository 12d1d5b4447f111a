package io.llexthil.campaign.twin;

import io.llexthil.twin.ElfImage;
import io.llexthil.twin.ExtensionSpec;

import java.util.List;

/**
 * Reads what the twin needs from an extension image: the twin's own reader ({@link ElfImage}),
 * which follows the loader that runs the image (the {@code .exported_sym} entries where the image
 * has that section, as Zephyr's LLEXT does; else the model boards' rule).
 */
public final class ElfExtensionReader {

    /** The exports, imports (in symbol-table order), section count and load-time symbol count of one image. */
    public record Meta(List<String> exports, List<String> imports, int sections, int symbols) {
        public ExtensionSpec spec(String name) {
            return new ExtensionSpec(name, exports, imports, sections, symbols);
        }
    }

    private ElfExtensionReader() { }

    public static Meta read(String name, byte[] img) {
        ExtensionSpec s = ElfImage.read(name, img);
        return new Meta(s.exports(), s.imports(), s.sections(), s.symbols());
    }
}
