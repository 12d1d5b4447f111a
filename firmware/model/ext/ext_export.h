/*
 * Sample extensions for the model boards. Sources compile with -fvisibility=hidden, so
 * only what is marked EXT_EXPORT becomes an exported symbol (what LLEXT's EXPORT_SYMBOL
 * does on Zephyr). Every exported function has the `int fn(void)` shape `hil call` uses.
 */
#ifndef EXT_EXPORT_H
#define EXT_EXPORT_H

#define EXT_EXPORT __attribute__((visibility("default")))

#endif
