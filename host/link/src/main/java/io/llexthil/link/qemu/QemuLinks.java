package io.llexthil.link.qemu;

import io.llexthil.link.Links;

/**
 * Registers the {@code qemu:} scheme with {@link Links}, so
 * {@code Links.create("qemu:arm?machine=mps2-an385&kernel=fw.elf")} builds a {@link QemuLink}.
 * Safe to call more than once.
 */
public final class QemuLinks {
    public static final String SCHEME = "qemu";

    private QemuLinks() {
    }

    public static void register() {
        Links.register(SCHEME, QemuLink::new);
    }
}
