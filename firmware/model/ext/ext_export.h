/*
 * The export marker of the sample extensions, one source for both toolchains:
 *  - Zephyr (add_llext_target defines LL_EXTENSION_BUILD): EXT_EXPORT(fn) adds LLEXT's
 *    LL_EXTENSION_SYMBOL(fn), the entry in the extension's .exported_sym table that makes
 *    fn an LLEXT export, and gives fn default visibility as below;
 *  - the model boards (firmware/model/CMakeLists.txt builds with -fvisibility=hidden):
 *    EXT_EXPORT(fn) re-declares fn with default visibility, so only marked functions are
 *    exported symbols of the object file.
 * Write it after the function's definition. The argument is macro-expanded first, so a
 * computed name (chain_link.c) exports the function it names.
 * Every exported function has the `int fn(void)` shape `hil call` uses.
 */
#ifndef EXT_EXPORT_H
#define EXT_EXPORT_H

#define EXT_EXPORT_VISIBLE_(fn) extern __typeof__(fn) fn __attribute__((visibility("default")))

#ifdef LL_EXTENSION_BUILD
#include <zephyr/llext/symbol.h>
#define EXT_EXPORT_(fn) EXT_EXPORT_VISIBLE_(fn); LL_EXTENSION_SYMBOL(fn)
#else
#define EXT_EXPORT_(fn) EXT_EXPORT_VISIBLE_(fn)
#endif

#define EXT_EXPORT(fn) EXT_EXPORT_(fn)

#endif
