/* `ctx save | restore | info | erase` (erase in test builds only): the handlers the command
 * table (commands.c) lists. */
#include <string.h>

#include "flash_ops.h"
#include "hil/config.h"
#include "hil/ctx_store.h"
#include "hil/images.h"
#include "hil_internal.h"

/* Reserve the newest saved context's image ranges so uploads never take their places. */
void hil_ctx_reserve_saved_images(void)
{
	const struct hil_ctx_view *v; /* v, slot and seq: set by a load that succeeds */
	struct hil_saved_ext e;
	struct hil_ctx_image img;
	uint8_t slot;
	uint32_t seq;
	uint32_t end = 0;

	if (hil_ctx_store_load(&v, &slot, &seq) == 0) {
		for (uint32_t i = 0; i < v->snap.n; i++) {
			if (hil_ctx_view_ext(v, i, &e, &img) == 0 && img.offset + img.len > end) {
				end = img.offset + img.len;
			}
		}
	}
	hil_images_reserve(end);
}

static const char *slot_name(int s)
{
	static const char letters[] = "A\0B"; /* both names in one string: one address to load */

	return &letters[s == 0 ? 0 : 2];
}

/* "n":n,"exts":[names...], the names read one record at a time */
static void exts_json(struct hil_json *j, const struct hil_snapshot *sn)
{
	struct hil_saved_ext e;

	hj_fmt(j, "\"n\":%u,\"exts\":[", sn->n);
	for (uint32_t i = 0; i < sn->n; i++) {
		if (sn->ext(sn, i, &e) == 0) {
			e.name[HIL_NAME_MAX] = '\0';
			hj_fmt(j, HJ_ITEM(",%s", i == 0), e.name);
		}
	}
	hj_fmt(j, "]");
}

/* The name of extension i of snap, "?" when it cannot be read. Only messages ask for it:
 * inline, so that without HIL_MESSAGES it is dropped, not an unused function. */
static inline const char *ext_name(const struct hil_snapshot *snap, uint32_t i, struct hil_saved_ext *e)
{
	e->name[0] = '?';
	e->name[1] = '\0';
	(void)snap->ext(snap, i, e);
	e->name[HIL_NAME_MAX] = '\0';
	return e->name;
}

static int save_error(uint32_t id, int rc, const struct hil_snapshot *snap, uint32_t bad)
{
	struct hil_saved_ext e;

	(void)snap; /* snap, bad and e: in the messages only */
	(void)bad;
	(void)&e;
	if (rc == -HIL_ENOENT) {
		return hil_out_error(id, rc, "extension '%s' has no complete image in the image store",
				     ext_name(snap, bad, &e));
	}
	if (rc == -HIL_ENOSPC) {
		return hil_out_error(id, rc, "context does not fit in a slot of %u bytes", hil_ctx_slot_size());
	}
	return hil_out_error(id, rc, "flash error %d while writing the context", rc);
}

/* The names to save: those given on the command line (valid, at most 16, none twice) or,
 * without names, every loaded extension in list order, asked for one at a time. */
static int collect_names(uint32_t id, int argc, char **argv, char (*names)[HIL_NAME_MAX + 1], size_t *n)
{
	struct hil_ext_state st;
	bool listed = argc == 2;
	size_t count = listed ? hil_g_backend->list(0, &st, 0) : (size_t)(argc - 2);

	if (count > HIL_CTX_MAX_EXT) {
		if (listed) {
			return hil_out_error(id, -HIL_ENOSPC, "more than 16 extensions loaded; name the ones to save");
		}
		return hil_out_error(id, -HIL_EINVAL, "names: at most 16 extension names");
	}
	for (size_t i = 0; i < count; i++) {
		const char *name = st.name;

		if (listed) {
			memset(&st, 0, sizeof(st));
			(void)hil_g_backend->list(i, &st, 1);
			st.name[HIL_NAME_MAX] = '\0';
		} else {
			name = argv[2 + i];
			int rc = hil_name_arg(id, name);

			if (rc != 0) {
				return rc;
			}
		}
		/* A context holds one extension (and one image) per name, and relink
		 * matches dependencies by name: after restoring twice the list can hold a
		 * name twice, which no context can represent. Refuse before writing. */
		for (size_t k = 0; k < *n; k++) {
			if (hil_streq(names[k], name)) {
				return hil_out_error(id, -HIL_EINVAL, listed
						     ? "two loaded extensions are named '%s' (restored twice?); a context "
						       "holds one extension per name: unload one or name the ones to save"
						     : "names: '%s' given twice",
						     name);
			}
		}
		strcpy(names[(*n)++], name);
	}
	return 0;
}

static int ctx_save(uint32_t id, int argc, char **argv)
{
	static char names[HIL_CTX_MAX_EXT][HIL_NAME_MAX + 1];
	struct hil_snapshot snap;
	struct hil_ctx_save_result res;
	size_t n = 0;
	uint32_t bad = 0;

	memset(names, 0, sizeof(names));
	int rc = collect_names(id, argc, argv, names, &n);

	if (rc != 0) {
		return rc;
	}
	memset(&snap, 0, sizeof(snap));
	int relink = hil_g_backend->save((const char (*)[HIL_NAME_MAX + 1])names, n, &snap);

	if (relink < 0) {
		return hil_out_result(id, relink, "{\"relink\":%d,\"error\":%s}", relink,
				      hil_msgf(HIL_WORDS(relink == -HIL_ENOENT
							 ? "an extension to save is not loaded or a dependency is not saved with it: %d"
							 : "saving the extensions failed: %d", ""),
					       relink));
	}
	rc = hil_ctx_store_save(&snap, &res, &bad);
	if (rc != 0) {
		return save_error(id, rc, &snap, bad);
	}
	struct hil_json *j = hil_out_begin(id, 0);

	hj_fmt(j, "{\"slot\":%s,\"seq\":%u,", slot_name(res.slot), res.seq);
	exts_json(j, &snap);
	hj_fmt(j, ",\"bytes\":%u,\"erases\":%u,\"relink\":%d}", res.bytes, res.erases, relink);
	return hil_out_end();
}

int hil_cmd_ctx_save(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	int rc = ctx_save(id, argc, argv);

	(void)c;
	hil_flash_fault_arm(0); /* `fault flash` is consumed by this save, whatever happened */
	return rc;
}

#if HIL_TEST_COMMANDS
/* `order` is a test argument (it exercises llext_restore with the saved copies in another
 * order): built and switched on with the test commands. */
/* "2,0,1" -> order[]; syntax only, the permutation check needs n. */
static bool parse_order(const char *s, uint8_t *order, uint32_t *count)
{
	uint32_t n = 0;

	while (*s != '\0') {
		uint32_t v = 0;
		int digits = 0;

		while (*s >= '0' && *s <= '9') {
			v = v * 10u + (uint32_t)(*s - '0');
			if (++digits > 3) {
				return false;
			}
			s++;
		}
		if (digits == 0 || n == HIL_CTX_MAX_EXT || v >= HIL_CTX_MAX_EXT) {
			return false;
		}
		order[n++] = (uint8_t)v;
		if (*s == ',') {
			s++;
			if (*s == '\0') {
				return false;
			}
		} else if (*s != '\0') {
			return false;
		}
	}
	*count = n;
	return n > 0;
}

static bool is_permutation(const uint8_t *order, uint32_t n)
{
	/* n entries that hold each of 0..n-1 hold nothing else, each once */
	for (uint32_t k = 0; k < n; k++) {
		if (memchr(order, (int)k, n) == NULL) {
			return false;
		}
	}
	return true;
}

/* `order <i,j,...>` into order[]; 0 or the rc of the error result it printed. */
static int order_arg(uint32_t id, const char *text, uint8_t *order, uint32_t *count)
{
	if (!hil_g_port->test_commands) {
		return hil_out_error(id, -HIL_ENOTSUP, "order is a test argument, switched off on this board");
	}
	if (!parse_order(text, order, count)) {
		return hil_out_error(id, -HIL_EINVAL, "order: expected comma-separated indexes like 2,0,1, got '%s'",
				     text);
	}
	return 0;
}
#else
static int order_arg(uint32_t id, const char *text, uint8_t *order, uint32_t *count)
{
	(void)text;
	(void)order;
	(void)count;
	return hil_out_error(id, -HIL_ENOTSUP, "order is a test argument, not built in (enable CONFIG_LLEXT_HIL_TEST)");
}
#endif

static int load_error(uint32_t id, int rc, uint8_t slot)
{
	(void)slot; /* named by the message only */
	if (rc == -HIL_ENOENT) {
		return hil_out_error(id, rc, "no valid context in slot A or B");
	}
	return hil_out_error(id, rc, rc == -HIL_ENOEXEC
				     ? "context in slot %s was written by another build or with other structure sizes; nothing restored"
				     : "context in slot %s is inconsistent; nothing restored",
			     slot_name(slot));
}

/* Every image of the context, in two passes: the first only checks that each can be
 * re-instated, so a conflict changes nothing; the second copies them straight from flash
 * to their saved places in the image store. */
static int reinstate_images(uint32_t id, const struct hil_ctx_view *v)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	for (int copy = 0; copy < 2; copy++) {
		for (uint32_t i = 0; i < v->snap.n; i++) {
			int rc = hil_ctx_view_ext(v, i, &e, &img);

			e.name[HIL_NAME_MAX] = '\0';
			if (rc == 0 && !copy) {
				rc = hil_images_can_reinstate(e.name, img.offset, img.len, img.crc);
			} else if (rc == 0) {
				rc = hil_ctx_store_copy_image(v, &img, hil_images_base() + img.offset);
				if (rc == 0) {
					rc = hil_images_reinstate(e.name, img.offset, img.len, img.crc);
				}
			}
			if (rc != 0) {
				/* rc: for the first message (the others leave it unused) */
				return hil_out_error(id, copy ? -HIL_EIO : rc, copy
						     ? "reading image '%s' from flash failed: %d"
						     : rc == -HIL_EBUSY
						     ? "cannot re-instate image '%s': its place in the image store is taken or it is loaded; reset first"
						     : "cannot re-instate image '%s': it does not fit in this board's image store",
						     e.name, rc);
			}
		}
	}
	return 0;
}

int hil_cmd_ctx_restore(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint8_t order[HIL_CTX_MAX_EXT];
	uint32_t order_n = 0;
	uint8_t slot = 0;
	uint32_t seq = 0;
	const struct hil_ctx_view *v = NULL;

	if (argc == 3 || (argc == 4 && !hil_streq(argv[2], "order"))) {
		return hil_usage(id, c);
	}
	int rc = argc == 4 ? order_arg(id, argv[3], order, &order_n) : 0;

	if (rc != 0) {
		return rc;
	}
	rc = hil_ctx_store_load(&v, &slot, &seq);

	if (rc != 0) {
		return load_error(id, rc, slot);
	}
	const struct hil_snapshot *snap = &v->snap;

	if (argc == 2) {
		order_n = snap->n;
		for (uint32_t i = 0; i < snap->n; i++) {
			order[i] = (uint8_t)i;
		}
	}
#if HIL_TEST_COMMANDS
	if (order_n != snap->n || !is_permutation(order, order_n)) {
		return hil_out_error(id, -HIL_EINVAL, "order: expected a permutation of 0..n-1 with n = %u", snap->n);
	}
#endif
	rc = reinstate_images(id, v);
	if (rc != 0) {
		return rc;
	}
	/* As Sound Open Firmware does: nothing saved, nothing to hand to llext_restore. */
	int restore = snap->n == 0 ? 0 : hil_g_backend->restore(snap, order);
	struct hil_json *j = hil_out_begin(id, restore < 0 ? restore : 0);

	hj_fmt(j, "{\"slot\":%s,\"seq\":%u,", slot_name(slot), seq);
	exts_json(j, snap);
	hj_fmt(j, ",\"restore\":%d", restore);
	if (restore < 0) {
		hj_fmt(j, ",\"error\":%s", hil_msgf(HIL_WORDS("llext_restore returned %d", ""), restore));
	}
	hj_fmt(j, "}");
	return hil_out_end();
}

int hil_cmd_ctx_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_ctx_scan scan;
	struct hil_ctx_view v;

	(void)c;
	(void)argc;
	(void)argv;
	hil_ctx_store_scan(&scan);
	int active = scan.newest >= 0 && scan.slot[scan.newest].why == HIL_CTX_OK ? scan.newest : -1;
	struct hil_json *j = hil_out_begin(id, 0);

	hj_fmt(j, active >= 0 ? "{\"active\":%s,\"slots\":[" : "{\"active\":null,\"slots\":[", slot_name(active));
	for (int s = 0; s < 2; s++) {
		const struct hil_ctx_slot_info *si = &scan.slot[s];
		bool intact = si->why == HIL_CTX_OK || si->why == HIL_CTX_OTHER_BUILD;

		memset(&v, 0, sizeof(v));
		if (intact) {
			(void)hil_ctx_store_decode_slot((uint8_t)s, &si->h, &v); /* n = 0 when it fails */
		}
		/* A header hil_ctx_check could not parse is all zeros: seq 0, 0 bytes. */
		hj_fmt(j, HJ_ITEM(",{\"slot\":%s,\"valid\":%b,\"why\":%s,\"seq\":%u,\"build_match\":%b,", s == 0),
		       slot_name(s), si->why == HIL_CTX_OK, hil_ctx_why_str(si->why), si->h.seq,
		       si->build_match);
		exts_json(j, &v.snap);
		hj_fmt(j, ",\"bytes\":%u,\"erases\":%u}", si->h.body_offset + si->h.body_len,
		       si->erases);
	}
	hj_fmt(j, "]}");
	return hil_out_end();
}

#if HIL_TEST_COMMANDS
int hil_cmd_ctx_erase(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	int rc = hil_ctx_store_erase();

	if (rc != 0) {
		return hil_out_error(id, rc, "flash erase failed: %d", rc);
	}
	return hil_out_result(id, 0, "{\"erased\":[\"A\",\"B\"]}");
}
#endif
