package io.llexthil.twin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an extension image (an ELF relocatable, 32 or 64 bit, either byte order) the way the
 * loader that will run it does, and describes it as an {@link ExtensionSpec}:
 * <ul>
 * <li><b>exports</b>, by the rule of the loader ({@link ExportRule}): Zephyr's LLEXT exports
 * exactly the entries of the {@code .exported_sym} section ({@code llext_export_symbols()}:
 * {@code sh_size / sizeof(struct llext_symbol)}; {@code add_llext_target} images fill it with
 * {@code LL_EXTENSION_SYMBOL}), each named by the string its name pointer is relocated to, and
 * nothing without that section; the model boards' loader exports every defined global symbol of
 * default visibility;</li>
 * <li><b>imports</b>: every undefined global symbol with a name, in symbol-table order (the
 * linker's own {@code _GLOBAL_OFFSET_TABLE_} and {@code _DYNAMIC} excepted);</li>
 * <li><b>symbols</b>: the load-time symbol table's size, as {@code llext_count_export_syms()}
 * counts it: every global function or object symbol, whatever its visibility or section;</li>
 * <li><b>sections</b>: {@code e_shnum}, the section map's entries.</li>
 * </ul>
 */
public final class ElfImage {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_REL = 9;
    private static final int STB_GLOBAL = 1;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STV_DEFAULT = 0;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final String EXPORT_SECTION = ".exported_sym";
    private static final List<String> LINKER_SYMBOLS = List.of("_GLOBAL_OFFSET_TABLE_", "_DYNAMIC");

    private final String name;
    private final byte[] img;
    private final ByteBuffer b;
    private final boolean is64;
    private final int ptr;
    private final long shoff;
    private final int shentsize;
    private final int shnum;

    private ElfImage(String name, byte[] img) {
        if (img.length < 52 || img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F') {
            throw new IllegalArgumentException("image '" + name + "' is not an ELF file");
        }
        this.name = name;
        this.img = img;
        this.is64 = img[4] == 2;
        this.ptr = is64 ? 8 : 4;
        this.b = ByteBuffer.wrap(img).order(img[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        this.shoff = is64 ? b.getLong(40) : u32(32);
        this.shentsize = Short.toUnsignedInt(b.getShort(is64 ? 58 : 46));
        this.shnum = Short.toUnsignedInt(b.getShort(is64 ? 60 : 48));
    }

    /** Which symbols of an image its loader exports. */
    public enum ExportRule {
        /** Zephyr's LLEXT (without CONFIG_LLEXT_IMPORT_ALL_GLOBALS): the .exported_sym entries. */
        EXPORTED_SYM_SECTION,
        /** The model boards' loader (firmware/model): defined globals of default visibility. */
        DEFAULT_VISIBILITY
    }

    /** The image as the twin loads it; a malformed image is an IllegalArgumentException naming it. */
    public static ExtensionSpec read(String name, byte[] img, ExportRule rule) {
        try {
            return new ElfImage(name, img).spec(rule);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("image '" + name + "' is a truncated or malformed ELF file ("
                    + img.length + " bytes): rebuild it");
        }
    }

    private ExtensionSpec spec(ExportRule rule) {
        List<String> defaultVisible = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        int symbols = 0;
        int symtab = sectionOfType(SHT_SYMTAB);
        if (symtab > 0) {
            for (long e = 1; e < symbolCount(symtab); e++) {
                Sym s = symbol(symtab, e);
                if ((s.info >> 4) != STB_GLOBAL) {
                    continue;
                }
                int type = s.info & 0xf;
                if (type == STT_FUNC || type == STT_OBJECT) {
                    symbols++;
                }
                if (s.name.isEmpty()) {
                    continue;
                }
                if (s.shndx == SHN_UNDEF) {
                    if (!LINKER_SYMBOLS.contains(s.name)) {
                        imports.add(s.name);
                    }
                } else if (s.shndx < SHN_LORESERVE && (s.other & 3) == STV_DEFAULT) {
                    defaultVisible.add(s.name);
                }
            }
        }
        List<String> exports = defaultVisible;
        if (rule == ExportRule.EXPORTED_SYM_SECTION) {
            int exportSection = sectionNamed(EXPORT_SECTION);
            exports = exportSection > 0 ? exportedEntries(exportSection, symtab) : List.of();
        }
        return new ExtensionSpec(name, exports, imports, shnum, symbols);
    }

    /** One name per struct llext_symbol {name, addr} of the section, from its relocations. */
    private List<String> exportedEntries(int section, int symtab) {
        long entries = size(section) / (2L * ptr);
        List<String> names = new ArrayList<>();
        for (long i = 0; i < entries; i++) {
            String n = relocatedString(section, i * 2 * ptr, symtab);
            if (n == null) {
                Sym target = relocationTarget(section, i * 2 * ptr + ptr, symtab);
                n = target == null ? "" : target.name;
            }
            names.add(n);
        }
        return names;
    }

    /** The string a pointer at {@code offset} of {@code section} is relocated to, or null. */
    private String relocatedString(int section, long offset, int symtab) {
        Reloc r = relocationAt(section, offset, symtab);
        if (r == null || r.target.shndx == SHN_UNDEF || r.target.shndx >= SHN_LORESERVE) {
            return null;
        }
        return cString(offset(r.target.shndx) + r.target.value + r.addend);
    }

    /** The symbol a pointer at {@code offset} of {@code section} is relocated against, or null. */
    private Sym relocationTarget(int section, long offset, int symtab) {
        Reloc r = relocationAt(section, offset, symtab);
        return r == null ? null : r.target;
    }

    private record Reloc(Sym target, long addend) { }

    /** The relocation of the pointer at {@code offset} of {@code section} (REL: addend in place). */
    private Reloc relocationAt(int section, long offset, int symtab) {
        for (int r = 1; r < shnum; r++) {
            int type = b.getInt(sh(r) + 4);
            if ((type != SHT_REL && type != SHT_RELA) || info(r) != section) {
                continue;
            }
            long entsize = type == SHT_RELA ? 3L * ptr : 2L * ptr;
            for (long at = offset(r); at + entsize <= offset(r) + size(r); at += entsize) {
                if (word(at) == offset) {
                    long rInfo = word(at + ptr);
                    long addend = type == SHT_RELA ? word(at + 2L * ptr) : word(offset(section) + offset);
                    return new Reloc(symbol(symtab, is64 ? rInfo >>> 32 : rInfo >>> 8), addend);
                }
            }
        }
        return null;
    }

    private record Sym(String name, int info, int other, int shndx, long value) { }

    private Sym symbol(int symtab, long index) {
        int s = (int) (offset(symtab) + index * (is64 ? 24 : 16));
        long strOff = offset(link(symtab));
        String n = cString(strOff + Integer.toUnsignedLong(b.getInt(s)));
        int info = Byte.toUnsignedInt(b.get(s + (is64 ? 4 : 12)));
        int other = Byte.toUnsignedInt(b.get(s + (is64 ? 5 : 13)));
        int shndx = Short.toUnsignedInt(b.getShort(s + (is64 ? 6 : 14)));
        long value = is64 ? b.getLong(s + 8) : u32(s + 4);
        return new Sym(n, info, other, shndx, value);
    }

    private long symbolCount(int symtab) {
        long entsize = is64 ? b.getLong(sh(symtab) + 56) : u32(sh(symtab) + 36);
        return entsize == 0 ? 0 : size(symtab) / entsize;
    }

    private int sectionOfType(int type) {
        for (int i = 1; i < shnum; i++) {
            if (b.getInt(sh(i) + 4) == type) {
                return i;
            }
        }
        return 0;
    }

    private int sectionNamed(String wanted) {
        int shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 62 : 50));
        if (shstrndx == 0 || shstrndx >= shnum) {
            return 0;
        }
        for (int i = 1; i < shnum; i++) {
            if (cString(offset(shstrndx) + Integer.toUnsignedLong(b.getInt(sh(i)))).equals(wanted)) {
                return i;
            }
        }
        return 0;
    }

    private int sh(int i) {
        return (int) (shoff + (long) i * shentsize);
    }

    private long offset(int i) {
        return is64 ? b.getLong(sh(i) + 24) : u32(sh(i) + 16);
    }

    private long size(int i) {
        return is64 ? b.getLong(sh(i) + 32) : u32(sh(i) + 20);
    }

    private int link(int i) {
        return b.getInt(sh(i) + (is64 ? 40 : 24));
    }

    private int info(int i) {
        return b.getInt(sh(i) + (is64 ? 44 : 28));
    }

    private long word(long at) {
        return is64 ? b.getLong((int) at) : u32((int) at);
    }

    private long u32(int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    private String cString(long at) {
        int start = (int) at;
        int end = start;
        while (end < img.length && img[end] != 0) {
            end++;
        }
        return new String(img, start, end - start, StandardCharsets.US_ASCII);
    }
}
