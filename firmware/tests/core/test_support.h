/*
 * Test harness for the core: a port with an emulated NOR flash (erase -> 0xFF per block,
 * program only clears bits, write-block granularity, power cut = longjmp), a captured
 * console, a settable clock, and a fake LLEXT backend whose extensions run "in place"
 * on their images (so .data-like bytes change and must survive save/restore).
 */
#ifndef HIL_TEST_SUPPORT_H
#define HIL_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hil/core.h"

extern int t_failures;
extern int t_checks;

#define CHECK(cond) do { t_checks++; if (!(cond)) { t_failures++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_EQ_INT(a, b) do { long long _a = (long long)(a), _b = (long long)(b); t_checks++; \
	if (_a != _b) { t_failures++; fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
	__FILE__, __LINE__, #a, _a, #b, _b); } } while (0)
#define CHECK_STR(a, b) do { const char *_a = (a), *_b = (b); t_checks++; \
	if (_a == NULL || strcmp(_a, _b) != 0) { t_failures++; fprintf(stderr, \
	"%s:%d: got  '%s'\n%*s  want '%s'\n", __FILE__, __LINE__, _a ? _a : "(null)", \
	(int)strlen(__FILE__) + 6, "", _b); } } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *_h = (hay); t_checks++; \
	if (_h == NULL || strstr(_h, (needle)) == NULL) { t_failures++; fprintf(stderr, \
	"%s:%d: '%s' does not contain '%s'\n", __FILE__, __LINE__, _h ? _h : "(null)", (needle)); } } while (0)

/* Runs a `hil` command line and checks its result: the rc, then the whole JSON (CHECK_CMD)
 * or a part of it (CHECK_CMD_CONTAINS). Two checks, as the three lines it replaces. */
#define CHECK_CMD(line, want_rc, want_json) do { int _rc; const char *_json = t_cmd_json((line), &_rc); \
	CHECK_EQ_INT(_rc, want_rc); CHECK_STR(_json, (want_json)); } while (0)
#define CHECK_CMD_CONTAINS(line, want_rc, part) do { int _rc; \
	const char *_json = t_cmd_json((line), &_rc); \
	CHECK_EQ_INT(_rc, want_rc); CHECK_CONTAINS(_json, (part)); } while (0)

int t_done(const char *name); /* prints a summary, returns the exit code */

/* ---- emulated NOR flash ---- */
#define T_FLASH_SIZE   65536u
#define T_ERASE_BLOCK  4096u
#define T_WRITE_BLOCK  8u
extern uint8_t t_flash[T_FLASH_SIZE];
extern uint32_t t_flash_writes, t_flash_erases;
extern uint32_t t_write_block;    /* the port's write block from the next t_boot (default 8) */
/* Largest single flash write, and largest read into RAM other than the image store. */
extern size_t t_flash_max_write, t_flash_max_read_to_ram;
extern jmp_buf t_power_cut_env;
extern bool t_power_cut_armed;   /* power_cut longjmps when set, else aborts the test */
extern int t_power_cuts;

/* ---- console capture ---- */
#define T_OUT_MAX (256u * 1024u)
extern char t_out[T_OUT_MAX];
extern size_t t_out_len;
void t_out_clear(void);
/* Last line starting with `prefix` (e.g. "@@HIL|"), without CRLF; NULL if none. */
const char *t_last_line(const char *prefix);
/* Count lines starting with prefix. */
int t_count_lines(const char *prefix);

/* Parse and CRC-check the last result line with tag ("@@HIL" / "@@UPL"); returns false
 * (and records a failure) if it is missing or corrupt. json points into static storage. */
bool t_result(const char *tag, uint32_t *id, int *rc, const char **json);

/* ---- clock ---- */
extern uint32_t t_now_ms;

/* ---- port / boot ---- */
extern struct hil_port t_port;
extern uint8_t t_image_store[32768];
extern bool t_bypass_on;
extern int t_resets;
/* Fresh port + backend + hil_core_init (the flash is kept: like a reboot). */
void t_boot(void);
void t_flash_wipe(void);   /* all 0xFF */

/* Run a command line (after `hil`) and return the rc of the printed result. */
int t_cmd(const char *line);
/* t_cmd, then return the JSON of its result (static). */
const char *t_cmd_json(const char *line, int *rc);

/* Upload an image through upload begin/data with frames of `chunk` bytes; returns UPL rc. */
int t_upload(const char *name, const uint8_t *data, uint32_t len);
/* Build one frame into out; returns its length. */
size_t t_frame(uint8_t *out, uint32_t offset, const uint8_t *payload, uint16_t len);

/* ---- fake backend ---- */
extern struct hil_backend t_backend;
extern int t_restore_calls;
extern uint8_t t_restore_order[HIL_CTX_MAX_EXT];
extern int t_next_restore_rc;
/* Save the largest context the format allows (see test_support.c); a restore then checks
 * every record it reads back and sets t_big_restore_verified. */
extern bool t_big_context;
extern bool t_big_restore_verified;
/* A test image for the fake backend: "HILT" + counter byte at [4] + filler. */
void t_make_image(uint8_t *buf, uint32_t len, uint8_t seed);

#endif /* HIL_TEST_SUPPORT_H */
