/* `ctx save | restore | info | erase`: the handlers the command table (commands.c) lists. */
#include <string.h>

#include "flash_ops.h"
#include "hil/ctx_store.h"
#include "hil/images.h"
#include "hil_internal.h"

/* Reserve the newest saved context's image ranges so uploads never take their places. */
void hil_ctx_reserve_saved_images(void)
{
	const struct hil_ctx_view *v = NULL;
	struct hil_saved_ext e;
	struct hil_ctx_image img;
	uint8_t slot = 0;
	uint32_t seq = 0;
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

static size_t strnlen_max(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0') {
		n++;
	}
	return n;
}

static const char *slot_name(int s)
{
	return s == 0 ? "A" : "B";
}

/* "n":n,"exts":[names...], the names read one record at a time */
static void exts_json(struct hil_json *j, const struct hil_snapshot *sn)
{
	struct hil_saved_ext e;

	hj_kint(j, "n", sn->n);
	hj_key(j, "exts");
	hj_arr(j);
	for (uint32_t i = 0; i < sn->n; i++) {
		if (sn->ext(sn, i, &e) == 0) {
			hj_strn(j, e.name, strnlen_max(e.name, HIL_NAME_MAX));
		}
	}
	hj_end_arr(j);
}

static int save_error(uint32_t id, int rc, const struct hil_snapshot *snap, uint32_t bad)
{
	struct hil_saved_ext e;

	hil_msg_reset();
	if (rc == -HIL_ENOENT) {
		hil_msg("extension '");
		hil_msg(snap->ext(snap, bad, &e) == 0 ? e.name : "?");
		hil_msg("' has no complete image in the image store");
	} else if (rc == -HIL_ENOSPC) {
		hil_msg("context does not fit in a slot of ");
		hil_msg_int(hil_ctx_slot_size());
		hil_msg(" bytes");
	} else {
		hil_msg("flash error ");
		hil_msg_int(rc);
		hil_msg(" while writing the context");
	}
	return hil_out_error(id, rc, hil_msg_text());
}

/* Without names: every loaded extension in list order, asked for one at a time. */
static int names_from_list(uint32_t id, char (*names)[HIL_NAME_MAX + 1], size_t *n)
{
	struct hil_ext_state st;
	size_t loaded = hil_g_backend->list(0, &st, 0);

	if (loaded > HIL_CTX_MAX_EXT) {
		return hil_out_error(id, -HIL_ENOSPC, "more than 16 extensions loaded; name the ones to save");
	}
	for (size_t i = 0; i < loaded; i++) {
		memset(&st, 0, sizeof(st));
		(void)hil_g_backend->list(i, &st, 1);
		/* A context holds one extension (and one image) per name, and relink
		 * matches dependencies by name: after restoring twice the list can hold a
		 * name twice, which no context can represent. Refuse before writing. */
		for (size_t k = 0; k < *n; k++) {
			if (hil_streq(names[k], st.name)) {
				hil_msg_reset();
				hil_msg("two loaded extensions are named '");
				hil_msg(st.name);
				hil_msg("' (restored twice?); a context holds one extension per name: "
					"unload one or name the ones to save");
				return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
			}
		}
		memcpy(names[(*n)++], st.name, HIL_NAME_MAX);
	}
	return 0;
}

static int ctx_save(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	static char names[HIL_CTX_MAX_EXT][HIL_NAME_MAX + 1];
	struct hil_snapshot snap;
	struct hil_ctx_save_result res;
	size_t n = 0;
	uint32_t bad = 0;

	(void)c;
	memset(names, 0, sizeof(names));
	if (argc - 2 > (int)HIL_CTX_MAX_EXT) {
		return hil_out_error(id, -HIL_EINVAL, "names: at most 16 extension names");
	}
	for (int i = 2; i < argc; i++) {
		int rc = hil_check_name("name", argv[i]);

		if (rc != 0) {
			return hil_out_error(id, rc, hil_msg_text());
		}
		for (size_t k = 0; k < n; k++) {
			if (hil_streq(names[k], argv[i])) {
				hil_msg_reset();
				hil_msg("names: '");
				hil_msg(argv[i]);
				hil_msg("' given twice");
				return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
			}
		}
		memcpy(names[n++], argv[i], strlen(argv[i]) + 1);
	}
	if (argc == 2) {
		int rc = names_from_list(id, names, &n);

		if (rc != 0) {
			return rc;
		}
	}

	memset(&snap, 0, sizeof(snap));
	int relink = hil_g_backend->save((const char (*)[HIL_NAME_MAX + 1])names, n, &snap);

	if (relink < 0) {
		struct hil_json *j = hil_out_begin("@@HIL", id, relink);

		hil_msg_reset();
		hil_msg(relink == -HIL_ENOENT ? "an extension to save is not loaded or a dependency is not saved with it: "
					      : "saving the extensions failed: ");
		hil_msg_int(relink);
		hj_obj(j);
		hj_kint(j, "relink", relink);
		hj_kstr(j, "error", hil_msg_text());
		hj_end_obj(j);
		return hil_out_end();
	}
	int rc = hil_ctx_store_save(&snap, &res, &bad);

	if (rc != 0) {
		return save_error(id, rc, &snap, bad);
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_kstr(j, "slot", slot_name(res.slot));
	hj_kint(j, "seq", res.seq);
	exts_json(j, &snap);
	hj_kint(j, "bytes", res.bytes);
	hj_kint(j, "erases", res.erases);
	hj_kint(j, "relink", relink);
	hj_end_obj(j);
	return hil_out_end();
}

int hil_cmd_ctx_save(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	int rc = ctx_save(c, id, argc, argv);

	hil_flash_fault_arm(0); /* `fault flash` is consumed by this save, whatever happened */
	return rc;
}

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
	bool seen[HIL_CTX_MAX_EXT] = { false };

	for (uint32_t i = 0; i < n; i++) {
		if (order[i] >= n || seen[order[i]]) {
			return false;
		}
		seen[order[i]] = true;
	}
	return true;
}

static int load_error(uint32_t id, int rc, uint8_t slot)
{
	if (rc == -HIL_ENOENT) {
		return hil_out_error(id, rc, "no valid context in slot A or B");
	}
	hil_msg_reset();
	hil_msg("context in slot ");
	hil_msg(slot_name(slot));
	hil_msg(rc == -HIL_ENOEXEC ? " was written by another build or with other structure sizes; nothing restored"
				   : " is inconsistent; nothing restored");
	return hil_out_error(id, rc, hil_msg_text());
}

/* Check every image first, so a conflict changes nothing. */
static int check_images(uint32_t id, const struct hil_ctx_view *v)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	for (uint32_t i = 0; i < v->snap.n; i++) {
		int rc = hil_ctx_view_ext(v, i, &e, &img);

		if (rc == 0) {
			rc = hil_images_can_reinstate(e.name, img.offset, img.len, img.crc, hil_image_busy);
		}
		if (rc != 0) {
			hil_msg_reset();
			hil_msg("cannot re-instate image '");
			hil_msg(e.name);
			hil_msg(rc == -HIL_EBUSY ? "': its place in the image store is taken or it is loaded; reset first"
						 : "': it does not fit in this board's image store");
			return hil_out_error(id, rc, hil_msg_text());
		}
	}
	return 0;
}

/* Images straight from flash to their saved places in the image store. */
static int reinstate_images(uint32_t id, const struct hil_ctx_view *v)
{
	struct hil_saved_ext e;
	struct hil_ctx_image img;

	for (uint32_t i = 0; i < v->snap.n; i++) {
		int rc = hil_ctx_view_ext(v, i, &e, &img);

		if (rc == 0) {
			rc = hil_ctx_store_copy_image(v, &img, hil_images_base() + img.offset);
		}
		if (rc == 0) {
			rc = hil_images_reinstate(e.name, img.offset, img.len, img.crc);
		}
		if (rc != 0) {
			hil_msg_reset();
			hil_msg("reading image '");
			hil_msg(e.name);
			hil_msg("' from flash failed: ");
			hil_msg_int(rc);
			return hil_out_error(id, -HIL_EIO, hil_msg_text());
		}
	}
	return 0;
}

int hil_cmd_ctx_restore(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	uint8_t order[HIL_CTX_MAX_EXT];
	uint32_t order_n = 0;
	bool have_order = false;
	uint8_t slot = 0;
	uint32_t seq = 0;
	const struct hil_ctx_view *v = NULL;

	if (argc == 4 && hil_streq(argv[2], "order")) {
		if (!parse_order(argv[3], order, &order_n)) {
			hil_msg_reset();
			hil_msg("order: expected comma-separated indexes like 2,0,1, got '");
			hil_msg(argv[3]);
			hil_msg("'");
			return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
		}
		have_order = true;
	} else if (argc != 2) {
		return hil_usage(id, c);
	}

	int rc = hil_ctx_store_load(&v, &slot, &seq);

	if (rc != 0) {
		return load_error(id, rc, slot);
	}
	const struct hil_snapshot *snap = &v->snap;

	if (!have_order) {
		order_n = snap->n;
		for (uint32_t i = 0; i < snap->n; i++) {
			order[i] = (uint8_t)i;
		}
	}
	if (order_n != snap->n || !is_permutation(order, order_n)) {
		hil_msg_reset();
		hil_msg("order: expected a permutation of 0..n-1 with n = ");
		hil_msg_int(snap->n);
		return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
	}
	rc = check_images(id, v);
	if (rc == 0) {
		rc = reinstate_images(id, v);
	}
	if (rc != 0) {
		return rc;
	}
	/* As Sound Open Firmware does: nothing saved, nothing to hand to llext_restore. */
	int restore = snap->n == 0 ? 0 : hil_g_backend->restore(snap, order);
	struct hil_json *j = hil_out_begin("@@HIL", id, restore < 0 ? restore : 0);

	hj_obj(j);
	hj_kstr(j, "slot", slot_name(slot));
	hj_kint(j, "seq", seq);
	exts_json(j, snap);
	hj_kint(j, "restore", restore);
	if (restore < 0) {
		hil_msg_reset();
		hil_msg("llext_restore returned ");
		hil_msg_int(restore);
		hj_kstr(j, "error", hil_msg_text());
	}
	hj_end_obj(j);
	return hil_out_end();
}

int hil_cmd_ctx_info(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	struct hil_ctx_scan scan;
	struct hil_ctx_view v;

	(void)argv;
	if (argc != 2) {
		return hil_usage(id, c);
	}
	hil_ctx_store_scan(&scan);
	int active = scan.newest >= 0 && scan.slot[scan.newest].why == HIL_CTX_OK ? scan.newest : -1;
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_key(j, "active");
	if (active >= 0) {
		hj_str(j, slot_name(active));
	} else {
		hj_null(j);
	}
	hj_key(j, "slots");
	hj_arr(j);
	for (int s = 0; s < 2; s++) {
		const struct hil_ctx_slot_info *si = &scan.slot[s];
		bool intact = si->why == HIL_CTX_OK || si->why == HIL_CTX_OTHER_BUILD;

		memset(&v, 0, sizeof(v));
		if (intact) {
			(void)hil_ctx_store_decode_slot((uint8_t)s, &si->h, &v); /* n = 0 when it fails */
		}
		hj_obj(j);
		hj_kstr(j, "slot", slot_name(s));
		hj_kbool(j, "valid", si->why == HIL_CTX_OK);
		hj_kstr(j, "why", hil_ctx_why_str(si->why));
		hj_kint(j, "seq", si->h.parsed ? si->h.seq : 0);
		hj_kbool(j, "build_match", si->build_match);
		exts_json(j, &v.snap);
		hj_kint(j, "bytes", si->h.parsed ? (int64_t)si->h.body_offset + si->h.body_len : 0);
		hj_kint(j, "erases", si->erases);
		hj_end_obj(j);
	}
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_end();
}

int hil_cmd_ctx_erase(const struct hil_cmd *c, uint32_t id, int argc, char **argv)
{
	(void)argv;
	if (argc != 2) {
		return hil_usage(id, c);
	}
	int rc = hil_ctx_store_erase();

	if (rc != 0) {
		hil_msg_reset();
		hil_msg("flash erase failed: ");
		hil_msg_int(rc);
		return hil_out_error(id, rc, hil_msg_text());
	}
	struct hil_json *j = hil_out_begin("@@HIL", id, 0);

	hj_obj(j);
	hj_key(j, "erased");
	hj_arr(j);
	hj_str(j, "A");
	hj_str(j, "B");
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_end();
}
