/*
 * libFuzzer target: the C LLEXT model's ELF reader, which parses uploaded bytes on the model
 * boards (simulated board, QEMU core). Every input must either be rejected by elf_parse() or
 * yield sections and symbols that can all be read back without touching memory outside the
 * image (AddressSanitizer checks the reads; the input buffer is exactly `size` bytes).
 */
#include <stddef.h>
#include <stdint.h>

#include "elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_info info;

	if (elf_parse(data, size, &info) != 0) {
		return 0;
	}
	for (uint32_t i = 0; i < info.shnum; i++) {
		struct elf_section s;

		elf_section(&info, i, &s);
		(void)elf_mem_idx(&info, i);
	}
	for (uint32_t i = 0; i < info.sym_cnt; i++) {
		struct elf_symbol sym;

		elf_symbol(&info, i, &sym);
		/* Symbol 0 is the ELF null symbol: readable, but the loader never asks it whether
		 * it exports (it starts at 1), so neither does this check. */
		if (i > 0 && elf_is_export(&sym)) {
			size_t off = elf_export_offset(&info, &sym);

			if (off > size) {
				__builtin_trap(); /* elf_parse promised exports lie within the image */
			}
		}
		(void)elf_is_import(&sym);
	}
	return 0;
}
