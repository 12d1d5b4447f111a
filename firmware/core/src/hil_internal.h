/* Shared between the core's source files; not part of the public interface. */
#ifndef HIL_INTERNAL_H
#define HIL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hil/backend.h"
#include "hil/config.h"
#include "hil/core.h"
#include "hil/port.h"
#include "hil_json.h"

/* ---- the bound port and backend (bound.c): the bottom every other file builds on ---- */
extern const struct hil_port *hil_g_port;
extern const struct hil_backend *hil_g_backend;
void hil_bind(const struct hil_port *port, const struct hil_backend *backend);

/* ---- output (output.c); formats as in hil_json.h ---- */
/* Start the result line `<tag>|<id>|<rc>|` and return the JSON writer for its payload,
 * which streams to the port as it is written (static storage; one line at a time). */
struct hil_json *hil_out_begin_tag(const char *tag, uint32_t id, int rc);
/* The same with the tag of command results, `@@HIL` (every command but the upload's end). */
struct hil_json *hil_out_begin(uint32_t id, int rc);
/* Finish the line with `|<crc>\r\n`; returns the rc given to hil_out_begin. */
int hil_out_end(void);
/* A whole `@@HIL` result line whose payload is the format; returns rc. */
int hil_out_result(uint32_t id, int rc, const char *fmt, ...);
/* An error result {"error":"<message>"}, the message formatted in plain mode; returns rc.
 * Without HIL_MESSAGES the sentence and its arguments are not compiled in: {"error":""}. */
int hil_out_error(uint32_t id, int rc, const char *fmt, ...);
#if !HIL_MESSAGES
int hil_out_error_without_message(uint32_t id, int rc);
#define hil_out_error(id, rc, ...) hil_out_error_without_message((id), (rc))
#endif
/* The same with the message hil_msgf and hil_msg_add built. */
int hil_out_msg_error(uint32_t id, int rc);
#if HIL_REPLAY_MAX > 0
/* A plain line, plain-mode format; CRLF is appended. */
void hil_out_line(const char *fmt, ...);
#endif
/* A checked line `<tag>|<id>|<fields>|<crc>` (crc over `<id>|<fields>`, fields formatted in
 * plain mode), e.g. `@@ACK|7|256|...`. */
void hil_out_framed(const char *tag, uint32_t id, const char *fmt, ...);
/* Copy the next result lines into buf (the last one wins) until called again; returns the
 * length of the line copied under the previous call without its CRLF, 0 when none fitted. */
#if HIL_REPLAY_MAX > 0
size_t hil_out_capture(char *buf, size_t size);
#endif
/* Format a one-line message into the message buffer (HIL_MSG_MAX, truncates safely). */
const char *hil_msgf(const char *fmt, ...);
#if HIL_MESSAGES
void hil_msg_add(const char *fmt, ...);   /* append to it (only messages of the command list use it) */
#endif
/* A sentence of a message: the text with HIL_MESSAGES, else `terse` (a format too). */
#if HIL_MESSAGES
#define HIL_WORDS(text, terse) text
#else
#define HIL_WORDS(text, terse) terse
#endif

/* ---- argument parsing (args.c) ---- */
/* Whole-string decimal u32 within [min, max]. */
bool hil_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* 1..8 hex digits. */
bool hil_parse_hex32(const char *s, uint32_t *out);
bool hil_streq(const char *a, const char *b);
/* Print the error result for a bad argument: -EINVAL "<what>: expected <form>, got '<got>'"
 * (without HIL_MESSAGES: "<what>", and `form` is not compiled in). */
int hil_bad_arg(uint32_t id, const char *what, const char *form, const char *got);
#if !HIL_MESSAGES
int hil_bad_arg_name(uint32_t id, const char *what);
#define hil_bad_arg(id, what, form, got) hil_bad_arg_name((id), (what))
#endif
/* A "name" argument: 1..HIL_NAME_MAX printable ASCII characters without '|'; prints the
 * error result and returns its rc (0 = ok). */
int hil_name_arg(uint32_t id, const char *s);

/* ---- request integrity and memory (request.c) ---- */
void hil_request_reset(void);
/* `token` is argv[0] without its '@'; argc/argv the words after it. Sets *id (0 when
 * unreadable); returns 0, -EINVAL (no readable id) or -EILSEQ (checksum does not match). */
int hil_request_parse(const char *token, int argc, char **argv, uint32_t *id);
/* Around a command that may change the board: keep its result line, then its id and rc. */
#if HIL_REPLAY_MAX > 0
void hil_request_capture(uint32_t id);
#else
#define hil_request_capture(id) ((void)(id)) /* no result line is kept */
#endif
void hil_request_done(uint32_t id, int rc);

/* ---- upload receiver (upload.c) ---- */
void hil_upload_reset(void);
/* Start data mode for image `name` (already begun), result id `id`. */
void hil_upload_start(const char *name, uint32_t id, uint32_t next);

/* ---- commands ---- */
/* One command form of the `hil` table (commands.c): `words` ("ctx save") followed by
 * arguments described by `args`. The dispatcher checks the word count (command words
 * included) before the handler runs; a handler gets argv from the first word on. */
struct hil_cmd;
typedef int (*hil_cmd_fn)(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
#define HIL_CMD_READ_ONLY 1u /* cannot change the board (not remembered for `last`) */
#define HIL_CMD_TEST      2u /* test-only: -ENOTSUP without port->test_commands */
#define HIL_CMD_NAMED     4u /* its first argument is an image/extension name, checked first */
struct hil_cmd {
	const char *words;
	const char *args;
	hil_cmd_fn run;
	uint8_t flags;
	uint8_t argc_min, argc_max;
};
/* Handlers the table lists: cmd_board.c, cmd_ext.c, cmd_ctx.c (`info` and `help` live with
 * the table). */
int hil_cmd_state(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_fault_show(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_fault_clear(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_fault_arm(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_reset(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_upload_begin(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_upload_data(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
#if HIL_UPLOAD_LIST
int hil_cmd_upload_list(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
#endif
int hil_cmd_load(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_unload(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_call(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_ctx_save(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_ctx_restore(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_ctx_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_ctx_erase(const struct hil_cmd *c, uint32_t id, int argc, char **argv);
int hil_cmd_last(const struct hil_cmd *c, uint32_t id, int argc, char **argv); /* request.c */
/* "heap":{...} from backend->heap (cmd_board.c; `state` and `info`). */
void hil_heap_json(struct hil_json *j);
/* -EINVAL "usage: hil <words> <args>" of form c (output.c). */
int hil_usage(uint32_t id, const struct hil_cmd *c);
void hil_ctx_reserve_saved_images(void); /* at init: uploads stay clear of saved images */

/* Is the named image used by a loaded extension? (bound.c: backend->use_count) */
bool hil_image_busy(const char *name);

#endif /* HIL_INTERNAL_H */
