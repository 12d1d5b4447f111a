/* Helpers shared by the model's C tests: checks, a recording fatal handler, sample images. */
#ifndef MODEL_TEST_SUPPORT_H
#define MODEL_TEST_SUPPORT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hil/backend.h"
#include "mem_snapshot.h"
#include "model/llext_model.h"

extern unsigned long test_checks;

#define CHECK(cond, ...)                                                              \
	do {                                                                          \
		test_checks++;                                                        \
		if (!(cond)) {                                                        \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                 \
			fprintf(stderr, "\n");                                        \
			exit(1);                                                      \
		}                                                                     \
	} while (0)

#define CHECK_EQ(a, b, what)                                                          \
	do {                                                                          \
		long long a_ = (long long)(a), b_ = (long long)(b);                   \
		CHECK(a_ == b_, "%s: got %lld, expected %lld", what, a_, b_);         \
	} while (0)

/* What the fatal handler saw since the last test_boot(). */
struct fatal_log {
	int count;
	char expr[64];
	char message[96];
};
extern struct fatal_log fatal_log;
/* When set, the fatal handler longjmps here (the board halts: nothing after it runs). */
extern jmp_buf *fatal_jump;

/* model_init() with a fresh heap of `heap_size` bytes (<= 65536): a board boot. */
const struct hil_backend *test_boot(enum model_profile profile, size_t heap_size);
uint8_t *test_heap_buffer(void);

/* The bytes of a file, malloc'd; aborts the test if it cannot be read. */
uint8_t *test_read_file(const char *path, size_t *len);

/* The image store stand-in behind hil_images_find(): images keep their address across
 * test_boot(), as the core re-instates them at the same offset. `dir` = NULL: host dir. */
uint8_t *test_image(const char *name, size_t *len);
uint8_t *test_image_from(const char *dir, const char *file, const char *name, size_t *len);
void test_images_forget(const char *name);

/* backend->load of the sample image `name` (loaded from the host build dir). */
int test_load(const char *name);
/* State of `name`; returns 0 when it is in the list. */
int test_state(const char *name, struct hil_ext_state *out);
/* Names in the list, comma-separated, e.g. "producer,consumer". */
const char *test_list_names(void);
size_t test_list_count(void);
struct hil_heap_stats test_heap(void);

/* backend->save of comma-separated names, its records copied into m (as the core keeps
 * them in flash between a save and a restore). */
int test_save(const char *names_csv, struct mem_snapshot *m);
/* backend->restore of m->snap with `order` like "1,0" (NULL = identity). */
int test_restore(const struct mem_snapshot *m, const char *order_csv);

void test_done(const char *name);

#endif
