/*
 * A validating reader for ELF relocatable objects (ET_REL, ELF32/ELF64, little-endian).
 * elf_parse() checks every offset and size once; the accessors then read only what it
 * validated. Input is uploaded bytes: malformed input is -HIL_ENOEXEC, never a bad read.
 */
#ifndef MODEL_ELF_H
#define MODEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "model_types.h"

struct elf_info {
	const uint8_t *img;
	size_t len;
	int is64;
	uint32_t shnum;          /* e_shnum: the extension's sect_cnt */
	uint32_t shstrndx;
	uint64_t shoff;
	uint32_t shentsize;
	uint32_t symtab;         /* section index, 0 = none */
	uint32_t strtab;
	uint32_t sym_cnt;        /* entries in symtab, the null symbol included */
	int32_t data_sect;       /* index of ".data", -1 = none */
	uint64_t data_off, data_size;
	uint32_t exp_cnt, imp_cnt;
	/* GLOBAL FUNC/OBJECT symbols whatever their visibility or section: the entries of the
	 * symbol table LLEXT's llext_count_export_syms() sizes while loading */
	uint32_t sym_tab_cnt;
};

struct elf_section {
	const char *name;
	uint32_t type;
	uint64_t flags, offset, size;
	uint32_t link;
};

struct elf_symbol {
	const char *name;
	uint64_t value;
	uint32_t shndx;
	uint8_t bind, type, vis;
};

int elf_parse(const uint8_t *img, size_t len, struct elf_info *out);
void elf_section(const struct elf_info *info, uint32_t i, struct elf_section *out);
void elf_symbol(const struct elf_info *info, uint32_t i, struct elf_symbol *out);

/* A defined GLOBAL symbol with default visibility (what the extension exports). */
int elf_is_export(const struct elf_symbol *sym);
/* An undefined GLOBAL symbol the extension needs, compiler-internal names excluded. */
int elf_is_import(const struct elf_symbol *sym);
/* Image-relative offset of an exported symbol: its section's file offset + st_value
 * (checked by elf_parse to lie within the image). */
size_t elf_export_offset(const struct elf_info *info, const struct elf_symbol *sym);

/* enum llext_mem of section i, as Zephyr's section mapping classifies it. */
enum model_mem elf_mem_idx(const struct elf_info *info, uint32_t i);

#endif /* MODEL_ELF_H */
