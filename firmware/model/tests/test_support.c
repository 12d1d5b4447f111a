#include "test_support.h"

#include <string.h>

#include "hil/images.h"

unsigned long test_checks;
struct fatal_log fatal_log;
jmp_buf *fatal_jump;

static uint8_t heap_buf[65536] __attribute__((aligned(8)));

static void record_fatal(const struct model_assert_info *info)
{
	fatal_log.count++;
	snprintf(fatal_log.expr, sizeof(fatal_log.expr), "%s", info->expr);
	snprintf(fatal_log.message, sizeof(fatal_log.message), "%s", info->message);
	if (fatal_jump) {
		longjmp(*fatal_jump, 1);
	}
}

const struct hil_backend *test_boot(enum model_profile profile, size_t heap_size)
{
	struct model_config cfg = { heap_buf, heap_size, profile, record_fatal };

	if (heap_size > sizeof(heap_buf)) {
		fprintf(stderr, "test heap too large\n");
		exit(1);
	}
	memset(&fatal_log, 0, sizeof(fatal_log));
	fatal_jump = NULL;
	CHECK(model_init(&cfg) == 0, "model_init failed");
	return model_backend();
}

uint8_t *test_heap_buffer(void)
{
	return heap_buf;
}

uint8_t *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	CHECK(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	CHECK(n > 0, "empty file %s", path);
	buf = malloc((size_t)n);
	CHECK(buf && fread(buf, 1, (size_t)n, f) == (size_t)n, "cannot read %s", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct {
	char name[HIL_NAME_MAX + 1];
	uint8_t *data;
	size_t len;
} images[64];

uint8_t *test_image_from(const char *dir, const char *file, const char *name, size_t *len)
{
	char path[512];
	size_t i, dummy;

	if (!len) {
		len = &dummy;
	}
	for (i = 0; i < 64; i++) {
		if (images[i].data && strcmp(images[i].name, name) == 0) {
			*len = images[i].len;
			return images[i].data;
		}
	}
	for (i = 0; i < 64 && images[i].data; i++) {
	}
	CHECK(i < 64, "too many test images");
	snprintf(path, sizeof(path), "%s/%s.o", dir ? dir : MODEL_EXT_HOST_DIR, file);
	snprintf(images[i].name, sizeof(images[i].name), "%s", name);
	images[i].data = test_read_file(path, &images[i].len);
	*len = images[i].len;
	return images[i].data;
}

uint8_t *test_image(const char *name, size_t *len)
{
	return test_image_from(NULL, name, name, len);
}

void test_images_forget(const char *name)
{
	size_t i;

	for (i = 0; i < 64; i++) {
		if (images[i].data && strcmp(images[i].name, name) == 0) {
			free(images[i].data);
			memset(&images[i], 0, sizeof(images[i]));
		}
	}
}

/* The core's image store is not linked into these tests: this stands in for it. */
int hil_images_find(const char *name, uint8_t **data, size_t *len)
{
	size_t i;

	for (i = 0; i < 64; i++) {
		if (images[i].data && strcmp(images[i].name, name) == 0) {
			*data = images[i].data;
			*len = images[i].len;
			return 0;
		}
	}
	return -HIL_ENOENT;
}

int test_load(const char *name)
{
	size_t len;
	uint8_t *img = test_image(name, &len);

	return model_backend()->load(name, img, len);
}

int test_state(const char *name, struct hil_ext_state *out)
{
	static struct hil_ext_state all[64];
	size_t n = model_backend()->list(0, all, 64), i;

	for (i = 0; i < n && i < 64; i++) {
		if (strcmp(all[i].name, name) == 0) {
			*out = all[i];
			return 0;
		}
	}
	return -1;
}

const char *test_list_names(void)
{
	static struct hil_ext_state all[64];
	static char buf[64 * 17];
	size_t n = model_backend()->list(0, all, 64), i;

	buf[0] = '\0';
	for (i = 0; i < n && i < 64; i++) {
		if (i) {
			strcat(buf, ",");
		}
		strcat(buf, all[i].name);
	}
	return buf;
}

size_t test_list_count(void)
{
	return model_backend()->list(0, NULL, 0);
}

struct hil_heap_stats test_heap(void)
{
	struct hil_heap_stats s;

	model_backend()->heap(&s);
	return s;
}

int test_save(const char *names_csv, struct mem_snapshot *m)
{
	struct hil_snapshot snap;
	int rc;
	char names[HIL_CTX_MAX_EXT][HIL_NAME_MAX + 1];
	char buf[512];
	size_t n = 0;
	char *tok;

	snprintf(buf, sizeof(buf), "%s", names_csv);
	for (tok = strtok(buf, ","); tok && n < HIL_CTX_MAX_EXT; tok = strtok(NULL, ",")) {
		snprintf(names[n++], sizeof(names[0]), "%s", tok);
	}
	memset(m, 0, sizeof(*m));
	mem_snapshot_bind(m, NULL);
	rc = model_backend()->save((const char (*)[HIL_NAME_MAX + 1])names, n, &snap);
	if (rc == 0 && mem_snapshot_read(m, &snap) != 0) {
		return -HIL_EFAULT;
	}
	return rc;
}

int test_restore(const struct mem_snapshot *m, const char *order_csv)
{
	uint8_t order[HIL_CTX_MAX_EXT];
	uint32_t i;

	for (i = 0; i < HIL_CTX_MAX_EXT; i++) {
		order[i] = (uint8_t)i;
	}
	if (order_csv) {
		char buf[128];
		char *tok;

		snprintf(buf, sizeof(buf), "%s", order_csv);
		for (i = 0, tok = strtok(buf, ","); tok && i < HIL_CTX_MAX_EXT;
		     tok = strtok(NULL, ","), i++) {
			order[i] = (uint8_t)atoi(tok);
		}
	}
	return model_backend()->restore(&m->snap, order);
}

void test_done(const char *name)
{
	printf("%s: %lu checks passed\n", name, test_checks);
}
