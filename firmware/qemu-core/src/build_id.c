#include "build_id.h"

#include <stdint.h>

#include "qemu_core_build_id.h" /* generated: QC_BUILD_ID */

/* Placed at QC_BUILD_ID_OVERRIDE_ADDR by qemu_core.ld (NOLOAD, no program header): only the
 * host's loader ever writes it. */
static volatile uint64_t override_value __attribute__((section(".hil_build_id_override")));

static char override_text[17];
static bool overridden;

const char *build_id_boot(void)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t v = override_value;

	overridden = v != 0u;
	if (!overridden) {
		return QC_BUILD_ID;
	}
	for (int i = 15; i >= 0; i--) {
		override_text[i] = hex[v & 0xFu];
		v >>= 4;
	}
	override_text[16] = '\0';
	return override_text;
}

bool build_id_overridden(void)
{
	return overridden;
}
