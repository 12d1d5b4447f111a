#include "elf.h"

#include <string.h>

#define ET_REL           1u
#define SHT_PROGBITS     1u
#define SHT_SYMTAB       2u
#define SHT_STRTAB       3u
#define SHT_NOBITS       8u
#define SHT_INIT_ARRAY   14u
#define SHT_FINI_ARRAY   15u
#define SHT_PREINIT_ARRAY 16u
#define SHF_WRITE        0x1u
#define SHF_ALLOC        0x2u
#define SHF_EXECINSTR    0x4u
#define STB_GLOBAL       1u
#define STT_OBJECT       1u
#define STT_FUNC         2u
#define STV_DEFAULT      0u
#define SHN_UNDEF        0u
#define SHN_LORESERVE    0xFF00u

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}

/* [off, off + size) lies within the image (no overflow). */
static int in_image(const struct elf_info *e, uint64_t off, uint64_t size)
{
	return off <= e->len && size <= e->len - off;
}

static const uint8_t *shdr(const struct elf_info *e, uint32_t i)
{
	return e->img + e->shoff + (uint64_t)i * e->shentsize;
}

/* Raw header fields, before validation of what they point at. */
static void read_section(const struct elf_info *e, uint32_t i, struct elf_section *s,
			 uint32_t *name_off)
{
	const uint8_t *h = shdr(e, i);

	*name_off = rd32(h);
	s->type = rd32(h + 4);
	if (e->is64) {
		s->flags = rd64(h + 8);
		s->offset = rd64(h + 24);
		s->size = rd64(h + 32);
		s->link = rd32(h + 40);
	} else {
		s->flags = rd32(h + 8);
		s->offset = rd32(h + 16);
		s->size = rd32(h + 20);
		s->link = rd32(h + 24);
	}
	s->name = NULL;
}

static void read_symbol(const struct elf_info *e, uint32_t i, struct elf_symbol *s,
			uint32_t *name_off)
{
	struct elf_section st;
	uint32_t unused;
	const uint8_t *p;
	uint8_t info;

	read_section(e, e->symtab, &st, &unused);
	p = e->img + st.offset + (uint64_t)i * (e->is64 ? 24u : 16u);
	*name_off = rd32(p);
	if (e->is64) {
		info = p[4];
		s->vis = p[5] & 3u;
		s->shndx = rd16(p + 6);
		s->value = rd64(p + 8);
	} else {
		s->value = rd32(p + 4);
		info = p[12];
		s->vis = p[13] & 3u;
		s->shndx = rd16(p + 14);
	}
	s->bind = info >> 4;
	s->type = info & 0xFu;
	s->name = NULL;
}

/* A string table usable with unchecked offsets below its size: in the image, non-empty,
 * NUL-terminated at its end. */
static int string_table_ok(const struct elf_info *e, uint32_t i)
{
	struct elf_section s;
	uint32_t unused;

	if (i == 0 || i >= e->shnum) {
		return 0;
	}
	read_section(e, i, &s, &unused);
	return s.type == SHT_STRTAB && s.size > 0 && in_image(e, s.offset, s.size) &&
	       e->img[s.offset + s.size - 1] == '\0';
}

static uint64_t section_size(const struct elf_info *e, uint32_t i)
{
	struct elf_section s;
	uint32_t unused;

	read_section(e, i, &s, &unused);
	return s.size;
}

static int parse_header(const uint8_t *img, size_t len, struct elf_info *e)
{
	uint16_t type;

	if (len < 16 || img[0] != 0x7F || img[1] != 'E' || img[2] != 'L' || img[3] != 'F') {
		return -HIL_ENOEXEC;
	}
	if ((img[4] != 1 && img[4] != 2) || img[5] != 1 || img[6] != 1) {
		return -HIL_ENOEXEC;   /* class, little-endian, EV_CURRENT */
	}
	e->is64 = img[4] == 2;
	if (len < (e->is64 ? 64u : 52u)) {
		return -HIL_ENOEXEC;
	}
	type = rd16(img + 16);
	if (type != ET_REL) {
		return -HIL_ENOEXEC;
	}
	if (e->is64) {
		e->shoff = rd64(img + 40);
		e->shentsize = rd16(img + 58);
		e->shnum = rd16(img + 60);
		e->shstrndx = rd16(img + 62);
	} else {
		e->shoff = rd32(img + 32);
		e->shentsize = rd16(img + 46);
		e->shnum = rd16(img + 48);
		e->shstrndx = rd16(img + 50);
	}
	/* e_shnum == 0 / e_shstrndx == SHN_XINDEX mean extended numbering: not supported */
	if (e->shentsize != (e->is64 ? 64u : 40u) || e->shnum == 0 ||
	    e->shstrndx >= e->shnum || !in_image(e, e->shoff, (uint64_t)e->shnum * e->shentsize)) {
		return -HIL_ENOEXEC;
	}
	return string_table_ok(e, e->shstrndx) ? 0 : -HIL_ENOEXEC;
}

static int parse_sections(struct elf_info *e)
{
	uint64_t shstr_size = section_size(e, e->shstrndx);
	uint32_t i;

	for (i = 1; i < e->shnum; i++) {
		struct elf_section s;
		uint32_t name_off;

		read_section(e, i, &s, &name_off);
		if (name_off >= shstr_size) {
			return -HIL_ENOEXEC;
		}
		if (s.type != SHT_NOBITS && !in_image(e, s.offset, s.size)) {
			return -HIL_ENOEXEC;
		}
		elf_section(e, i, &s);
		if (s.type == SHT_SYMTAB && e->symtab == 0) {
			e->symtab = i;
			e->strtab = s.link;
		}
		if (e->data_sect < 0 && s.type == SHT_PROGBITS && strcmp(s.name, ".data") == 0) {
			e->data_sect = (int32_t)i;
			e->data_off = s.offset;
			e->data_size = s.size;
		}
	}
	return 0;
}

static int parse_symbols(struct elf_info *e)
{
	struct elf_section st;
	uint64_t str_size, entsize = e->is64 ? 24u : 16u;
	uint32_t i;

	if (e->symtab == 0) {
		return 0;   /* no symbols: nothing exported, nothing imported */
	}
	elf_section(e, e->symtab, &st);
	if (!string_table_ok(e, e->strtab) || st.size % entsize || st.size / entsize > UINT32_MAX) {
		return -HIL_ENOEXEC;
	}
	str_size = section_size(e, e->strtab);
	e->sym_cnt = (uint32_t)(st.size / entsize);
	/* Every entry is checked, the null symbol 0 included, so that elf_symbol() is safe for
	 * any index below sym_cnt (found by fuzz_elf_parse); only 1.. can export or import. */
	for (i = 0; i < e->sym_cnt; i++) {
		struct elf_symbol s;
		uint32_t name_off;

		read_symbol(e, i, &s, &name_off);
		if (name_off >= str_size) {
			return -HIL_ENOEXEC;
		}
		if (s.shndx != SHN_UNDEF && s.shndx < SHN_LORESERVE && s.shndx >= e->shnum) {
			return -HIL_ENOEXEC;
		}
		if (i == 0) {
			continue;
		}
		elf_symbol(e, i, &s);
		if (s.bind == STB_GLOBAL && (s.type == STT_FUNC || s.type == STT_OBJECT)) {
			e->sym_tab_cnt++;
		}
		if (elf_is_export(&s)) {
			struct elf_section in;

			elf_section(e, s.shndx, &in);
			/* the symbol's address must be a pointer into (or just past) the image */
			if (s.value > in.size || !in_image(e, in.offset, s.value)) {
				return -HIL_ENOEXEC;
			}
			e->exp_cnt++;
		} else if (elf_is_import(&s)) {
			e->imp_cnt++;
		}
	}
	return 0;
}

int elf_parse(const uint8_t *img, size_t len, struct elf_info *out)
{
	struct elf_info e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.img = img;
	e.len = len;
	e.data_sect = -1;
	if (img == NULL) {
		return -HIL_ENOEXEC;
	}
	rc = parse_header(img, len, &e);
	if (rc == 0) {
		rc = parse_sections(&e);
	}
	if (rc == 0) {
		rc = parse_symbols(&e);
	}
	if (rc == 0) {
		*out = e;
	}
	return rc;
}

void elf_section(const struct elf_info *info, uint32_t i, struct elf_section *out)
{
	struct elf_section shstr;
	uint32_t name_off, unused;

	read_section(info, i, out, &name_off);
	read_section(info, info->shstrndx, &shstr, &unused);
	out->name = (const char *)info->img + shstr.offset + (i == 0 ? 0 : name_off);
}

void elf_symbol(const struct elf_info *info, uint32_t i, struct elf_symbol *out)
{
	struct elf_section str;
	uint32_t name_off, unused;

	read_symbol(info, i, out, &name_off);
	read_section(info, info->strtab, &str, &unused);
	out->name = (const char *)info->img + str.offset + name_off;
}

int elf_is_export(const struct elf_symbol *sym)
{
	return sym->bind == STB_GLOBAL && sym->shndx != SHN_UNDEF && sym->shndx < SHN_LORESERVE &&
	       sym->vis == STV_DEFAULT && sym->name[0] != '\0';
}

int elf_is_import(const struct elf_symbol *sym)
{
	/* The linker, not an extension, provides these; a relocatable object may name them. */
	static const char *const internal[] = { "_GLOBAL_OFFSET_TABLE_", "_DYNAMIC" };
	size_t i;

	if (sym->bind != STB_GLOBAL || sym->shndx != SHN_UNDEF || sym->name[0] == '\0') {
		return 0;
	}
	for (i = 0; i < sizeof(internal) / sizeof(internal[0]); i++) {
		if (strcmp(sym->name, internal[i]) == 0) {
			return 0;
		}
	}
	return 1;
}

size_t elf_export_offset(const struct elf_info *info, const struct elf_symbol *sym)
{
	struct elf_section in;

	elf_section(info, sym->shndx, &in);
	return (size_t)(in.offset + sym->value);
}

enum model_mem elf_mem_idx(const struct elf_info *info, uint32_t i)
{
	struct elf_section s;

	if (i == 0) {
		return MODEL_MEM_COUNT;
	}
	elf_section(info, i, &s);
	if (i == info->shstrndx) {
		return MODEL_MEM_SHSTRTAB;
	}
	if (s.type == SHT_SYMTAB) {
		return MODEL_MEM_SYMTAB;
	}
	if (s.type == SHT_STRTAB) {
		return i == info->strtab ? MODEL_MEM_STRTAB : MODEL_MEM_COUNT;
	}
	if (strcmp(s.name, ".exported_sym") == 0) {
		return MODEL_MEM_EXPORT;
	}
	if (!(s.flags & SHF_ALLOC)) {
		return MODEL_MEM_COUNT;   /* relocations, comments, notes: not loaded */
	}
	switch (s.type) {
	case SHT_PREINIT_ARRAY:
		return MODEL_MEM_PREINIT;
	case SHT_INIT_ARRAY:
		return MODEL_MEM_INIT;
	case SHT_FINI_ARRAY:
		return MODEL_MEM_FINI;
	case SHT_NOBITS:
		return MODEL_MEM_BSS;
	default:
		break;
	}
	if (s.flags & SHF_EXECINSTR) {
		return MODEL_MEM_TEXT;
	}
	return (s.flags & SHF_WRITE) ? MODEL_MEM_DATA : MODEL_MEM_RODATA;
}
