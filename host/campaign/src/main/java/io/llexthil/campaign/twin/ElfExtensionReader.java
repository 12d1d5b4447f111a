package io.llexthil.campaign.twin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the twin needs from an extension image (an ELF relocatable, 32 or 64 bit, either
 * byte order): the exported symbols (global, defined, default visibility, named), the imported
 * ones (global, undefined, named, except the linker's own), and the section count — the same
 * rules as the model firmware's ELF reader, so both sides see the same extension.
 */
public final class ElfExtensionReader {
    private static final int SHT_SYMTAB = 2;
    private static final int STB_GLOBAL = 1;
    private static final int STV_DEFAULT = 0;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final List<String> LINKER_SYMBOLS = List.of("_GLOBAL_OFFSET_TABLE_", "_DYNAMIC");

    /** The exports, imports (in symbol-table order) and section count of one image. */
    public record Meta(List<String> exports, List<String> imports, int sections) { }

    private ElfExtensionReader() { }

    public static Meta read(String name, byte[] img) {
        if (img.length < 52 || img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F') {
            throw new IllegalArgumentException("image '" + name + "' is not an ELF file");
        }
        boolean is64 = img[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(img).order(img[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long shoff = is64 ? b.getLong(40) : Integer.toUnsignedLong(b.getInt(32));
        int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 58 : 46));
        int shnum = Short.toUnsignedInt(b.getShort(is64 ? 60 : 48));
        List<String> exports = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        for (int i = 1; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (b.getInt(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long off = is64 ? b.getLong(sh + 24) : Integer.toUnsignedLong(b.getInt(sh + 16));
            long size = is64 ? b.getLong(sh + 32) : Integer.toUnsignedLong(b.getInt(sh + 20));
            int link = b.getInt(sh + (is64 ? 40 : 24));
            long entsize = is64 ? b.getLong(sh + 56) : Integer.toUnsignedLong(b.getInt(sh + 36));
            int strSh = (int) (shoff + (long) link * shentsize);
            long strOff = is64 ? b.getLong(strSh + 24) : Integer.toUnsignedLong(b.getInt(strSh + 16));
            for (long e = 1; entsize > 0 && e < size / entsize; e++) {
                int s = (int) (off + e * entsize);
                int nameOff = b.getInt(s);
                int info = Byte.toUnsignedInt(b.get(s + (is64 ? 4 : 12)));
                int other = Byte.toUnsignedInt(b.get(s + (is64 ? 5 : 13)));
                int shndx = Short.toUnsignedInt(b.getShort(s + (is64 ? 6 : 14)));
                String sym = cString(img, (int) (strOff + Integer.toUnsignedLong(nameOff)));
                if (sym.isEmpty() || (info >> 4) != STB_GLOBAL) {
                    continue;
                }
                if (shndx == SHN_UNDEF) {
                    if (!LINKER_SYMBOLS.contains(sym)) {
                        imports.add(sym);
                    }
                } else if (shndx < SHN_LORESERVE && (other & 3) == STV_DEFAULT) {
                    exports.add(sym);
                }
            }
        }
        return new Meta(exports, imports, shnum);
    }

    private static String cString(byte[] img, int at) {
        int end = at;
        while (end < img.length && img[end] != 0) {
            end++;
        }
        return new String(img, at, end - at, StandardCharsets.US_ASCII);
    }
}
