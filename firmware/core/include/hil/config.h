/*
 * Build-time sizes of the core's buffers. Zephyr sets them from Kconfig (firmware/Kconfig,
 * CONFIG_LLEXT_HIL_*: the Kconfig values reach this header through Zephyr's autoconf.h,
 * which every Zephyr compile includes); the sim, the QEMU core and the tests take the
 * defaults below. docs/firmware-core.md lists defaults, minima and what each one costs.
 */
#ifndef HIL_CONFIG_H
#define HIL_CONFIG_H

/* Bytes of a result line handed to port->write at once (the line is streamed in pieces
 * of this size; its CRC is computed on the way). */
#ifdef CONFIG_LLEXT_HIL_OUT_PIECE
#define HIL_OUT_PIECE CONFIG_LLEXT_HIL_OUT_PIECE
#else
#define HIL_OUT_PIECE 64
#endif

/* Longest error message (one-line reason in {"error":...}), NUL included. */
#ifdef CONFIG_LLEXT_HIL_MSG_MAX
#define HIL_MSG_MAX CONFIG_LLEXT_HIL_MSG_MAX
#else
#define HIL_MSG_MAX 192
#endif

/* Largest upload frame payload the receiver buffers (the chunk is also bounded by rx_buf). */
#ifdef CONFIG_LLEXT_HIL_UPLOAD_CHUNK_MAX
#define HIL_UPLOAD_CHUNK_MAX CONFIG_LLEXT_HIL_UPLOAD_CHUNK_MAX
#else
#define HIL_UPLOAD_CHUNK_MAX 256
#endif

/* Images the image store can name (its bytes are the port's image_store buffer). */
#ifdef CONFIG_LLEXT_HIL_IMAGES_MAX
#define HIL_IMAGES_MAX CONFIG_LLEXT_HIL_IMAGES_MAX
#else
#define HIL_IMAGES_MAX 16
#endif

/* Bytes programmed per flash operation while a context is saved: the only staging buffer of
 * a save. A multiple of every supported write block (64 is the largest), so 64, 128, ... */
#ifdef CONFIG_LLEXT_HIL_CTX_PROGRAM_CHUNK
#define HIL_CTX_PROGRAM_CHUNK CONFIG_LLEXT_HIL_CTX_PROGRAM_CHUNK
#else
#define HIL_CTX_PROGRAM_CHUNK 64
#endif

/* Requests that may change the board remembered for `hil last <id>` (id and rc each). */
#ifdef CONFIG_LLEXT_HIL_RECENT_IDS
#define HIL_RECENT_IDS CONFIG_LLEXT_HIL_RECENT_IDS
#else
#define HIL_RECENT_IDS 8
#endif

/* Longest result line of such a request kept for `hil last` to print again (longer ones:
 * only the rc is kept). Save and restore lines with a few names fit. 0 keeps none, and the
 * copying is not built in: `last` still says whether a request ran, and its rc. */
#ifndef HIL_REPLAY_MAX
#ifdef CONFIG_LLEXT_HIL_REPLAY_MAX
#define HIL_REPLAY_MAX CONFIG_LLEXT_HIL_REPLAY_MAX
#else
#define HIL_REPLAY_MAX 192
#endif
#endif

/* The test-only commands (`fault ...`, `ctx erase`, `ctx restore order`) and the flash fault
 * injection behind them: 1 builds them in, 0 leaves them out (a field build; they answer
 * -ENOTSUP). Zephyr:
 * CONFIG_LLEXT_HIL_TEST. Elsewhere on unless the build defines HIL_TEST_COMMANDS=0. */
#ifndef HIL_TEST_COMMANDS
#if defined(CONFIG_LLEXT_HIL) && !defined(CONFIG_LLEXT_HIL_TEST)
#define HIL_TEST_COMMANDS 0
#else
#define HIL_TEST_COMMANDS 1
#endif
#endif

/* Text for people. 1: every error result says what failed and what was expected, and `help`
 * lists the command table. 0: the sentences, the argument usages and `help` are not built in
 * (about 3.4 KiB of flash on Cortex-M3): an error result keeps its rc, the name of a bad
 * argument ("command" for an unknown word) and the words of a command given the wrong number
 * of arguments, and the message is otherwise empty. Zephyr: CONFIG_LLEXT_HIL_MESSAGES. */
#ifndef HIL_MESSAGES
#if defined(CONFIG_LLEXT_HIL) && !defined(CONFIG_LLEXT_HIL_MESSAGES)
#define HIL_MESSAGES 0
#else
#define HIL_MESSAGES 1
#endif
#endif

/* `upload list` (the image store, for people at a console; the host does not send it):
 * 1 builds it in, 0 leaves it out. Zephyr: CONFIG_LLEXT_HIL_UPLOAD_LIST. */
#ifndef HIL_UPLOAD_LIST
#if defined(CONFIG_LLEXT_HIL) && !defined(CONFIG_LLEXT_HIL_UPLOAD_LIST)
#define HIL_UPLOAD_LIST 0
#else
#define HIL_UPLOAD_LIST 1
#endif
#endif

#if HIL_OUT_PIECE < 16
#error "HIL_OUT_PIECE (CONFIG_LLEXT_HIL_OUT_PIECE) must be at least 16"
#endif
#if HIL_MSG_MAX < 64
#error "HIL_MSG_MAX (CONFIG_LLEXT_HIL_MSG_MAX) must be at least 64"
#endif
#if HIL_UPLOAD_CHUNK_MAX < 16 || HIL_UPLOAD_CHUNK_MAX > 256
#error "HIL_UPLOAD_CHUNK_MAX (CONFIG_LLEXT_HIL_UPLOAD_CHUNK_MAX) must be 16..256"
#endif
#if HIL_IMAGES_MAX < 1 || HIL_IMAGES_MAX > 64
#error "HIL_IMAGES_MAX (CONFIG_LLEXT_HIL_IMAGES_MAX) must be 1..64"
#endif
#if HIL_REPLAY_MAX < 0 || HIL_REPLAY_MAX > 1024
#error "HIL_REPLAY_MAX (CONFIG_LLEXT_HIL_REPLAY_MAX) must be 0..1024"
#endif
#if HIL_CTX_PROGRAM_CHUNK < 64 || HIL_CTX_PROGRAM_CHUNK % 64 != 0
#error "HIL_CTX_PROGRAM_CHUNK (CONFIG_LLEXT_HIL_CTX_PROGRAM_CHUNK) must be a multiple of 64"
#endif

#endif /* HIL_CONFIG_H */
