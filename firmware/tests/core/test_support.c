#include <string.h>

#include "hil/crc32.h"
#include "hil/images.h"
#include "hil/config.h"
#include "test_support.h"

int t_failures;
int t_checks;

int t_done(const char *name)
{
	printf("%s: %d checks, %d failures\n", name, t_checks, t_failures);
	if (t_checks == 0) {
		printf("%s: no checks ran\n", name);
		return 1;
	}
	return t_failures == 0 ? 0 : 1;
}

/* ---------------- flash ---------------- */
uint8_t t_flash[T_FLASH_SIZE];
uint32_t t_flash_writes, t_flash_erases;
uint32_t t_write_block = T_WRITE_BLOCK;
size_t t_flash_max_write, t_flash_max_read_to_ram;
jmp_buf t_power_cut_env;
bool t_power_cut_armed;
int t_power_cuts;

static int fl_read(uint32_t off, void *dst, size_t len)
{
	if (off > T_FLASH_SIZE || T_FLASH_SIZE - off < len) {
		return -HIL_EINVAL;
	}
	memcpy(dst, t_flash + off, len);
	/* reads into the image store land where the bytes live; any other is a RAM buffer */
	bool into_store = (uint8_t *)dst >= t_image_store && (uint8_t *)dst < t_image_store + sizeof(t_image_store);

	if (!into_store && len > t_flash_max_read_to_ram) {
		t_flash_max_read_to_ram = len;
	}
	return 0;
}

static int fl_write(uint32_t off, const void *src, size_t len)
{
	const uint8_t *p = src;

	if (len > t_flash_max_write) {
		t_flash_max_write = len;
	}
	if (off % t_write_block || len % t_write_block || off > T_FLASH_SIZE || T_FLASH_SIZE - off < len) {
		fprintf(stderr, "flash write misaligned/out of range: off %u len %zu\n", off, len);
		t_failures++;
		return -HIL_EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		t_flash[off + i] &= p[i]; /* NOR: programming only clears bits */
	}
	t_flash_writes++;
	return 0;
}

static int fl_erase(uint32_t off, size_t len)
{
	if (off % T_ERASE_BLOCK || len % T_ERASE_BLOCK || off > T_FLASH_SIZE || T_FLASH_SIZE - off < len) {
		fprintf(stderr, "flash erase misaligned/out of range: off %u len %zu\n", off, len);
		t_failures++;
		return -HIL_EINVAL;
	}
	memset(t_flash + off, 0xff, len);
	t_flash_erases++;
	return 0;
}

void t_flash_wipe(void)
{
	memset(t_flash, 0xff, sizeof(t_flash));
}

static void power_cut(void)
{
	t_power_cuts++;
	if (t_power_cut_armed) {
		longjmp(t_power_cut_env, 1);
	}
	fprintf(stderr, "unexpected power cut\n");
	abort();
}

/* ---------------- console ---------------- */
char t_out[T_OUT_MAX];
size_t t_out_len;

void t_out_clear(void)
{
	t_out_len = 0;
	t_out[0] = '\0';
}

static void out_write(const char *buf, size_t len)
{
	/* a piece of at most HIL_OUT_PIECE bytes of one line; only a line's last piece holds
	 * its CRLF, at its end */
	const char *lf = memchr(buf, '\n', len);

	if (len == 0 || len > HIL_OUT_PIECE ||
	    (lf != NULL && (lf != buf + len - 1 || len < 2 || buf[len - 2] != '\r'))) {
		fprintf(stderr, "port write is not a piece of one line: '%.*s'\n", (int)len, buf);
		t_failures++;
	}
	if (t_out_len + len + 1 > T_OUT_MAX) {
		t_out_len = 0; /* keep the tail; tests look at the last lines */
	}
	memcpy(t_out + t_out_len, buf, len);
	t_out_len += len;
	t_out[t_out_len] = '\0';
}

const char *t_last_line(const char *prefix)
{
	static char line[T_OUT_MAX];
	const char *found = NULL;
	size_t plen = strlen(prefix);

	for (const char *p = t_out; p < t_out + t_out_len;) {
		const char *e = strstr(p, "\r\n");

		if (e == NULL) {
			break;
		}
		if ((size_t)(e - p) >= plen && strncmp(p, prefix, plen) == 0) {
			found = p;
		}
		p = e + 2;
	}
	if (found == NULL) {
		return NULL;
	}
	size_t n = (size_t)(strstr(found, "\r\n") - found);

	memcpy(line, found, n);
	line[n] = '\0';
	return line;
}

int t_count_lines(const char *prefix)
{
	int n = 0;
	size_t plen = strlen(prefix);

	for (const char *p = t_out; p < t_out + t_out_len;) {
		const char *e = strstr(p, "\r\n");

		if (e == NULL) {
			break;
		}
		if (strncmp(p, prefix, plen) == 0) {
			n++;
		}
		p = e + 2;
	}
	return n;
}

bool t_result(const char *tag, uint32_t *id, int *rc, const char **json)
{
	static char js[T_OUT_MAX];
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "%s|", tag);
	const char *line = t_last_line(prefix);

	if (line == NULL) {
		fprintf(stderr, "no %s line in output\n", tag);
		t_failures++;
		return false;
	}
	const char *body = line + strlen(prefix);
	const char *last_bar = strrchr(body, '|');

	if (last_bar == NULL || strlen(last_bar + 1) != 8) {
		fprintf(stderr, "malformed result line '%s'\n", line);
		t_failures++;
		return false;
	}
	uint32_t want = (uint32_t)strtoul(last_bar + 1, NULL, 16);
	uint32_t got = hil_crc32(0, body, (size_t)(last_bar - body));

	if (want != got) {
		fprintf(stderr, "bad crc in '%s' (computed %08x)\n", line, got);
		t_failures++;
		return false;
	}
	char *end;

	*id = (uint32_t)strtoul(body, &end, 10);
	*rc = (int)strtol(end + 1, &end, 10);
	size_t jl = (size_t)(last_bar - (end + 1));

	memcpy(js, end + 1, jl);
	js[jl] = '\0';
	*json = js;
	return true;
}

/* ---------------- clock, port ---------------- */
uint32_t t_now_ms;
static uint32_t uptime(void) { return t_now_ms; }

uint8_t t_image_store[32768];
bool t_bypass_on;
int t_resets;

static void do_reset(bool cold) { (void)cold; t_resets++; }
static void bypass(bool on) { t_bypass_on = on; }

struct hil_port t_port;

/* ---------------- fake backend ---------------- */
struct fake_ext {
	char name[HIL_NAME_MAX + 1];
	uint32_t use_count;
	uint8_t *image;
	size_t len;
	int dep;  /* index into exts or -1 */
};

#define FAKE_MAX 16
static struct fake_ext exts[FAKE_MAX];
static size_t n_exts;
static uint32_t alloc_armed, alloc_calls;
int t_restore_calls;
uint8_t t_restore_order[HIL_CTX_MAX_EXT];
int t_next_restore_rc;

void t_make_image(uint8_t *buf, uint32_t len, uint8_t seed)
{
	memset(buf, 0, len);
	memcpy(buf, "HILT", 4);
	buf[4] = seed;
	for (uint32_t i = 24; i < len; i++) {
		buf[i] = (uint8_t)(seed * 31u + i * 7u);
	}
}

static int find_ext(const char *name)
{
	for (size_t i = 0; i < n_exts; i++) {
		if (strcmp(exts[i].name, name) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static int fb_load(const char *name, uint8_t *image, size_t len)
{
	int i = find_ext(name);

	alloc_calls++;
	if (i >= 0) {
		return (int)++exts[i].use_count;
	}
	if (len < 24 || memcmp(image, "HILT", 4) != 0) {
		return -HIL_ENOEXEC;
	}
	if (n_exts == FAKE_MAX) {
		return -HIL_ENOMEM;
	}
	/* bytes 8..23: the name of a dependency, "" for none */
	char dep[HIL_NAME_MAX + 1];
	int d = -1;

	memcpy(dep, image + 8, HIL_NAME_MAX);
	dep[HIL_NAME_MAX] = '\0';
	if (dep[0] != '\0') {
		d = find_ext(dep);
		if (d < 0) {
			return -HIL_ENOENT;
		}
		exts[d].use_count++;
	}
	struct fake_ext *e = &exts[n_exts++];

	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->use_count = 1;
	e->image = image;
	e->len = len;
	e->dep = d;
	return 0;
}

static void remove_ext(int i)
{
	for (size_t k = 0; k < n_exts; k++) {
		if (exts[k].dep > i) {
			exts[k].dep--;
		}
	}
	memmove(&exts[i], &exts[i + 1], (n_exts - (size_t)i - 1) * sizeof(exts[0]));
	n_exts--;
}

static int fb_unload(const char *name, uint32_t *uc)
{
	int i = find_ext(name);

	if (i < 0) {
		return -HIL_ENOENT;
	}
	if (--exts[i].use_count == 0) {
		if (exts[i].dep >= 0) {
			exts[exts[i].dep].use_count--;
		}
		remove_ext(i);
		*uc = 0;
		return 0;
	}
	*uc = exts[i].use_count;
	return 0;
}

static int fb_call(const char *name, const char *symbol, int32_t *value)
{
	int i = find_ext(name);

	if (i < 0) {
		return -HIL_ENOENT;
	}
	if (strcmp(symbol, "get") == 0) {
		*value = exts[i].image[4];
		return 0;
	}
	if (strcmp(symbol, "inc") == 0) {
		*value = ++exts[i].image[4]; /* mutate the image in place, like .data */
		return 0;
	}
	return -HIL_ENOENT;
}

static int fb_use_count(const char *name, uint32_t *uc)
{
	int i = find_ext(name);

	if (i < 0) {
		return -HIL_ENOENT;
	}
	*uc = exts[i].use_count;
	return 0;
}

static size_t fb_list(size_t first, struct hil_ext_state *out, size_t max)
{
	for (size_t i = first; i < n_exts && i - first < max; i++) {
		struct hil_ext_state *o = &out[i - first];

		memset(o, 0, sizeof(*o));
		memcpy(o->name, exts[i].name, sizeof(o->name));
		o->use_count = exts[i].use_count;
		o->exp_cnt = 1;
		o->sect_cnt = 2;
		o->alloc = 100;
		if (exts[i].dep >= 0) {
			o->n_deps = 1;
			memcpy(o->deps[0], exts[exts[i].dep].name, HIL_NAME_MAX + 1);
		}
	}
	return n_exts;
}

static void fb_heap(struct hil_heap_stats *hs)
{
	hs->size = 16384;
	hs->used = (uint32_t)n_exts * 100u;
	hs->free = hs->size - hs->used;
	hs->max_used = hs->used;
	hs->allocs = (uint32_t)n_exts;
}

/* The last save, answered on demand like a real backend: t_big_context switches to the
 * largest context the format allows (16 extensions, 512 maps, 128 symbols, 4096 blob bytes),
 * whose every byte is a function of its position so a restore can verify it. */
bool t_big_context;
bool t_big_restore_verified;
static struct hil_saved_ext fb_saved[HIL_CTX_MAX_EXT];

static uint32_t maps_per(void) { return t_big_context ? HIL_CTX_MAX_MAPS / HIL_CTX_MAX_EXT : 2u; }
static uint32_t syms_per(void) { return t_big_context ? HIL_CTX_MAX_SYMS / HIL_CTX_MAX_EXT : 1u; }

static int fb_map(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_map *out)
{
	if (k >= snap->n_maps) {
		return -HIL_EINVAL;
	}
	out->mem_idx = t_big_context ? k % 3u : k % 2u;
	out->offset = t_big_context ? k * 4u : (k % 2u == 0 ? 24u : 4u);
	return 0;
}

static int fb_sym(const struct hil_snapshot *snap, uint32_t k, struct hil_saved_sym *out)
{
	if (k >= snap->n_syms) {
		return -HIL_EINVAL;
	}
	char name[HIL_SYM_NAME_MAX + 1];

	snprintf(name, sizeof(name), "sym_%03u_of_the_largest_ctx", (unsigned)(k % 1000u));
	hil_saved_sym_set(out, t_big_context ? name : "get", k);
	return 0;
}

static uint8_t blob_byte(uint32_t off) { return (uint8_t)(off * 7u + 3u); }

static int fb_blob(const struct hil_snapshot *snap, uint32_t off, void *dst, size_t len)
{
	if (off > snap->blob_len || len > snap->blob_len - off) {
		return -HIL_EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		((uint8_t *)dst)[i] = blob_byte(off + (uint32_t)i);
	}
	return 0;
}

static int fb_save(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap)
{
	memset(snap, 0, sizeof(*snap));
	snap->user = fb_saved;
	snap->ext = hil_saved_ext_at;
	snap->map = fb_map;
	snap->sym = fb_sym;
	snap->blob = fb_blob;
	for (size_t k = 0; k < n; k++) {
		int i = find_ext(names[k]);

		if (i < 0) {
			return -HIL_ENOENT;
		}
		struct hil_saved_ext *s = &fb_saved[k];

		if (hil_saved_add(snap, s, exts[i].name, exts[i].use_count, maps_per(), syms_per()) != 0) {
			return -HIL_ENOSPC;
		}
		if (exts[i].dep >= 0) {
			size_t d;

			for (d = 0; d < n; d++) {
				if (strcmp(names[d], exts[exts[i].dep].name) == 0) {
					break;
				}
			}
			if (d == n) {
				return -HIL_ENOENT; /* like llext_relink_dependency */
			}
			s->dep[0] = (uint8_t)d;
		}
	}
	snap->blob_len = t_big_context ? HIL_CTX_BLOB_MAX : 0u;
	snap->n = (uint32_t)n;
	return 0;
}

/* Every map, symbol and blob byte read back equals what the save produced. */
static bool big_context_intact(const struct hil_snapshot *snap)
{
	struct hil_saved_map m, want_m;
	struct hil_saved_sym y, want_y;
	uint8_t b;

	if (snap->n_maps != HIL_CTX_MAX_MAPS || snap->n_syms != HIL_CTX_MAX_SYMS ||
	    snap->blob_len != HIL_CTX_BLOB_MAX) {
		return false;
	}
	for (uint32_t k = 0; k < snap->n_maps; k++) {
		if (snap->map(snap, k, &m) != 0 || fb_map(snap, k, &want_m) != 0 ||
		    m.mem_idx != want_m.mem_idx || m.offset != want_m.offset) {
			return false;
		}
	}
	for (uint32_t k = 0; k < snap->n_syms; k++) {
		if (snap->sym(snap, k, &y) != 0 || fb_sym(snap, k, &want_y) != 0 ||
		    strcmp(y.name, want_y.name) != 0 || y.value != want_y.value) {
			return false;
		}
	}
	for (uint32_t off = 0; off < snap->blob_len; off++) {
		if (snap->blob(snap, off, &b, 1) != 0 || b != blob_byte(off)) {
			return false;
		}
	}
	return true;
}

static int fb_restore(const struct hil_snapshot *snap, const uint8_t *order)
{
	struct hil_saved_ext s, dep;

	t_restore_calls++;
	memcpy(t_restore_order, order, snap->n);
	if (t_next_restore_rc != 0) {
		return t_next_restore_rc;
	}
	if (hil_snapshot_check(snap, order, 3) != 0) {
		return -HIL_EINVAL;
	}
	t_big_restore_verified = t_big_context && big_context_intact(snap);
	for (uint32_t i = 0; i < snap->n; i++) {
		uint8_t *data;
		size_t len;

		if (snap->ext(snap, order[i], &s) != 0 || hil_images_find(s.name, &data, &len) != 0 ||
		    n_exts == FAKE_MAX) {
			return -HIL_EFAULT;
		}
		struct fake_ext *e = &exts[n_exts++];

		memset(e, 0, sizeof(*e));
		memcpy(e->name, s.name, sizeof(e->name));
		e->use_count = s.use_count;
		e->image = data;
		e->len = len;
		e->dep = -1;
	}
	/* dependencies by name, as llext_restore re-binds them */
	for (uint32_t i = 0; i < snap->n; i++) {
		if (snap->ext(snap, i, &s) == 0 && s.dep[0] != HIL_DEP_NONE &&
		    snap->ext(snap, s.dep[0], &dep) == 0) {
			exts[find_ext(s.name)].dep = find_ext(dep.name);
		}
	}
	return 0;
}

static void fb_fault_alloc(uint32_t k) { alloc_armed = k; }
static uint32_t fb_fault_alloc_armed(void) { return alloc_armed; }
static uint32_t fb_alloc_calls(void) { return alloc_calls; }

struct hil_backend t_backend = {
	.profile = "contract",
	.sizes = { 208, 8, 8, 4 },
	.load = fb_load,
	.unload = fb_unload,
	.call = fb_call,
	.use_count = fb_use_count,
	.list = fb_list,
	.heap = fb_heap,
	.save = fb_save,
	.restore = fb_restore,
	.fault_alloc = fb_fault_alloc,
	.fault_alloc_armed = fb_fault_alloc_armed,
	.alloc_calls = fb_alloc_calls,
};

void t_boot(void)
{
	memset(&t_port, 0, sizeof(t_port));
	t_port.write = out_write;
	t_port.uptime_ms = uptime;
	t_port.flash_read = fl_read;
	t_port.flash_write = fl_write;
	t_port.flash_erase = fl_erase;
	t_port.flash.offset = 0;
	t_port.flash.size = T_FLASH_SIZE;
	t_port.flash.erase_block = T_ERASE_BLOCK;
	t_port.flash.write_block = t_write_block;
	t_port.reset = do_reset;
	t_port.power_cut = power_cut;
	t_port.bypass = bypass;
	t_port.board = "test/board";
	t_port.arch = "host";
	t_port.zephyr_version = "4.2.0";
	t_port.build_id = "3f2a9c1e5b7d0a42";
	t_port.image_store = t_image_store;
	t_port.image_store_size = sizeof(t_image_store);
	t_port.rx_buf = 1024;
	t_port.boot_count = 7;
	t_port.reset_cause = HIL_RESET_SOFTWARE;
	t_port.test_commands = true;
	/* RAM does not survive a reboot: the image store and the fake LLEXT list are lost */
	memset(t_image_store, 0xA5, sizeof(t_image_store));
	n_exts = 0;
	alloc_armed = 0;
	alloc_calls = 0;
	t_restore_calls = 0;
	t_next_restore_rc = 0;
	t_bypass_on = false;
	int rc = hil_core_init(&t_port, &t_backend);

	if (rc != 0) {
		fprintf(stderr, "hil_core_init failed: %d\n", rc);
		abort();
	}
}

/* Splits the line at blanks, as a shell does, and hands the words to the core. */
int t_cmd(const char *line)
{
	char buf[1024];
	char *words[64];
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *w = strtok(buf, " \t\r\n"); w != NULL; w = strtok(NULL, " \t\r\n")) {
		if (n == (int)(sizeof(words) / sizeof(words[0]))) {
			fprintf(stderr, "t_cmd: more than 64 words in '%s'\n", line);
			abort();
		}
		words[n++] = w;
	}
	return hil_core_command(n, words);
}

const char *t_cmd_json(const char *line, int *rc)
{
	uint32_t id;
	const char *json = NULL;
	int printed = t_cmd(line);

	if (!t_result("@@HIL", &id, rc, &json)) {
		return "";
	}
	if (printed != *rc) {
		fprintf(stderr, "returned rc %d but printed %d for '%s'\n", printed, *rc, line);
		t_failures++;
	}
	return json;
}

size_t t_frame(uint8_t *out, uint32_t offset, const uint8_t *payload, uint16_t len)
{
	uint32_t crc = hil_crc32(0, payload, len);

	out[0] = 0xA5;
	out[1] = 0x5A;
	for (int i = 0; i < 4; i++) {
		out[2 + i] = (uint8_t)(offset >> (8 * i));
	}
	out[6] = (uint8_t)len;
	out[7] = (uint8_t)(len >> 8);
	if (len > 0) {
		memcpy(out + 8, payload, len);
	}
	for (int i = 0; i < 4; i++) {
		out[8 + len + i] = (uint8_t)(crc >> (8 * i));
	}
	return (size_t)len + 12u;
}

int t_upload(const char *name, const uint8_t *data, uint32_t len)
{
	char line[128];
	int rc;
	uint8_t frame[300];
	uint32_t id;
	const char *json;

	snprintf(line, sizeof(line), "upload begin %s %u %08x", name, len, hil_crc32(0, data, len));
	(void)t_cmd_json(line, &rc);
	if (rc != 0) {
		return rc;
	}
	snprintf(line, sizeof(line), "upload data %s", name);
	(void)t_cmd_json(line, &rc);
	if (rc != 0) {
		return rc;
	}
	for (uint32_t off = 0; off < len; off += 256) {
		uint16_t n = (uint16_t)(len - off < 256 ? len - off : 256);

		hil_core_bypass_bytes(frame, t_frame(frame, off, data + off, n));
	}
	hil_core_bypass_bytes(frame, t_frame(frame, len, NULL, 0));
	if (!t_result("@@UPL", &id, &rc, &json)) {
		return -9999;
	}
	return rc;
}
