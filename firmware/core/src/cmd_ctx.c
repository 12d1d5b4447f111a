/* `ctx save | restore | info | erase`. */
#include <string.h>

#include "flash_ops.h"
#include "hil/ctx_store.h"
#include "hil/images.h"
#include "hil_internal.h"

static struct hil_snapshot snap;                 /* ~10 KiB: one is enough, commands run one at a time */
static struct hil_ctx_image imgs[HIL_CTX_MAX_EXT];

/* Reserve the newest saved context's image ranges so uploads never take their places. */
void hil_ctx_reserve_saved_images(void)
{
	uint8_t slot = 0;
	uint32_t seq = 0;
	uint32_t end = 0;

	if (hil_ctx_store_load(&snap, imgs, &slot, &seq) == 0) {
		for (uint32_t i = 0; i < snap.n; i++) {
			if (imgs[i].offset + imgs[i].len > end) {
				end = imgs[i].offset + imgs[i].len;
			}
		}
	}
	hil_images_reserve(end);
}

static const char *slot_name(int s)
{
	return s == 0 ? "A" : "B";
}

static void exts_json(struct hil_json *j, const struct hil_snapshot *sn)
{
	hj_key(j, "exts");
	hj_arr(j);
	for (uint32_t i = 0; i < sn->n; i++) {
		hj_str(j, sn->ext[i].name);
	}
	hj_end_arr(j);
}

static int ctx_usage(uint32_t id)
{
	return hil_out_error(id, -HIL_EINVAL,
			     "usage: hil ctx save [<name>...] | ctx restore [order <i,j,...>] | ctx info | ctx erase");
}

static int ctx_save(uint32_t id, int argc, char **argv)
{
	static char names[HIL_CTX_MAX_EXT][HIL_NAME_MAX + 1];
	static struct hil_ext_state list[HIL_CTX_MAX_EXT];
	struct hil_ctx_save_result res;
	size_t n = 0;
	uint32_t bad = 0;

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
		size_t loaded = hil_g_backend->list(list, HIL_CTX_MAX_EXT);

		if (loaded > HIL_CTX_MAX_EXT) {
			return hil_out_error(id, -HIL_ENOSPC, "more than 16 extensions loaded; name the ones to save");
		}
		for (size_t i = 0; i < loaded; i++) {
			/* A context holds one extension (and one image) per name, and relink
			 * matches dependencies by name: after restoring twice the list can hold a
			 * name twice, which no context can represent. Refuse before writing. */
			for (size_t k = 0; k < n; k++) {
				if (hil_streq(names[k], list[i].name)) {
					hil_msg_reset();
					hil_msg("two loaded extensions are named '");
					hil_msg(list[i].name);
					hil_msg("' (restored twice?); a context holds one extension per name: "
						"unload one or name the ones to save");
					return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
				}
			}
			memcpy(names[n++], list[i].name, HIL_NAME_MAX);
		}
	}

	memset(&snap, 0, sizeof(snap));
	int relink = hil_g_backend->save((const char (*)[HIL_NAME_MAX + 1])names, n, &snap);

	if (relink < 0) {
		struct hil_json *j = hil_out_json();

		hil_msg_reset();
		hil_msg(relink == -HIL_ENOENT ? "an extension to save is not loaded or a dependency is not saved with it: "
					      : "saving the extensions failed: ");
		hil_msg_int(relink);
		hj_obj(j);
		hj_kint(j, "relink", relink);
		hj_kstr(j, "error", hil_msg_text());
		hj_end_obj(j);
		hil_flash_fault_arm(0); /* `fault flash` is consumed by this save */
		return hil_out_result("@@HIL", id, relink);
	}
	int rc = hil_ctx_store_save(&snap, &res, &bad);

	if (rc != 0) {
		hil_msg_reset();
		if (rc == -HIL_ENOENT) {
			hil_msg("extension '");
			hil_msg(snap.ext[bad].name);
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
	struct hil_json *j = hil_out_json();

	hj_obj(j);
	hj_kstr(j, "slot", slot_name(res.slot));
	hj_kint(j, "seq", res.seq);
	hj_kint(j, "n", snap.n);
	exts_json(j, &snap);
	hj_kint(j, "bytes", res.bytes);
	hj_kint(j, "erases", res.erases);
	hj_kint(j, "relink", relink);
	hj_end_obj(j);
	return hil_out_result("@@HIL", id, 0);
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

static int ctx_restore(uint32_t id, int argc, char **argv)
{
	uint8_t order[HIL_CTX_MAX_EXT];
	uint32_t order_n = 0;
	bool have_order = false;
	uint8_t slot = 0;
	uint32_t seq = 0;

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
		return hil_out_error(id, -HIL_EINVAL, "usage: hil ctx restore [order <i,j,...>]");
	}

	int rc = hil_ctx_store_load(&snap, imgs, &slot, &seq);

	if (rc == -HIL_ENOENT) {
		return hil_out_error(id, rc, "no valid context in slot A or B");
	}
	if (rc == -HIL_ENOEXEC) {
		hil_msg_reset();
		hil_msg("context in slot ");
		hil_msg(slot_name(slot));
		hil_msg(" was written by another build or with other structure sizes; nothing restored");
		return hil_out_error(id, rc, hil_msg_text());
	}
	if (rc != 0) {
		hil_msg_reset();
		hil_msg("context in slot ");
		hil_msg(slot_name(slot));
		hil_msg(" is inconsistent; nothing restored");
		return hil_out_error(id, rc, hil_msg_text());
	}
	if (!have_order) {
		order_n = snap.n;
		for (uint32_t i = 0; i < snap.n; i++) {
			order[i] = (uint8_t)i;
		}
	}
	if (order_n != snap.n || !is_permutation(order, order_n)) {
		hil_msg_reset();
		hil_msg("order: expected a permutation of 0..n-1 with n = ");
		hil_msg_int(snap.n);
		return hil_out_error(id, -HIL_EINVAL, hil_msg_text());
	}
	/* Check every image first, so a conflict changes nothing. */
	for (uint32_t i = 0; i < snap.n; i++) {
		rc = hil_images_can_reinstate(snap.ext[i].name, imgs[i].offset, imgs[i].len, imgs[i].crc,
					      hil_image_busy);
		if (rc != 0) {
			hil_msg_reset();
			hil_msg("cannot re-instate image '");
			hil_msg(snap.ext[i].name);
			hil_msg(rc == -HIL_EBUSY ? "': its place in the image store is taken or it is loaded; reset first"
						 : "': it does not fit in this board's image store");
			return hil_out_error(id, rc, hil_msg_text());
		}
	}
	for (uint32_t i = 0; i < snap.n; i++) {
		rc = hil_ctx_store_copy_image(slot, hil_ctx_store_loaded_header(), &imgs[i],
					      hil_images_base() + imgs[i].offset);
		if (rc == 0) {
			rc = hil_images_reinstate(snap.ext[i].name, imgs[i].offset, imgs[i].len, imgs[i].crc);
		}
		if (rc != 0) {
			hil_msg_reset();
			hil_msg("reading image '");
			hil_msg(snap.ext[i].name);
			hil_msg("' from flash failed: ");
			hil_msg_int(rc);
			return hil_out_error(id, -HIL_EIO, hil_msg_text());
		}
	}
	/* As Sound Open Firmware does: nothing saved, nothing to hand to llext_restore. */
	int restore = snap.n == 0 ? 0 : hil_g_backend->restore(&snap, order);
	struct hil_json *j = hil_out_json();

	hj_obj(j);
	hj_kstr(j, "slot", slot_name(slot));
	hj_kint(j, "seq", seq);
	hj_kint(j, "n", snap.n);
	exts_json(j, &snap);
	hj_kint(j, "restore", restore);
	if (restore < 0) {
		hil_msg_reset();
		hil_msg("llext_restore returned ");
		hil_msg_int(restore);
		hj_kstr(j, "error", hil_msg_text());
	}
	hj_end_obj(j);
	return hil_out_result("@@HIL", id, restore < 0 ? restore : 0);
}

static int ctx_info(uint32_t id, int argc)
{
	static struct hil_ctx_scan scan;

	if (argc != 2) {
		return hil_out_error(id, -HIL_EINVAL, "usage: hil ctx info");
	}
	hil_ctx_store_scan(&scan);
	struct hil_json *j = hil_out_json();
	int active = scan.newest >= 0 && scan.slot[scan.newest].why == HIL_CTX_OK ? scan.newest : -1;

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

		memset(&snap, 0, sizeof(snap));
		if (intact) {
			if (hil_ctx_store_decode_slot((uint8_t)s, &si->h, &snap) != 0) {
				memset(&snap, 0, sizeof(snap));
			}
		}
		hj_obj(j);
		hj_kstr(j, "slot", slot_name(s));
		hj_kbool(j, "valid", si->why == HIL_CTX_OK);
		hj_kstr(j, "why", hil_ctx_why_str(si->why));
		hj_kint(j, "seq", si->h.parsed ? si->h.seq : 0);
		hj_kbool(j, "build_match", si->build_match);
		hj_kint(j, "n", snap.n);
		exts_json(j, &snap);
		hj_kint(j, "bytes", si->h.parsed ? (int64_t)si->h.body_offset + si->h.body_len : 0);
		hj_kint(j, "erases", si->erases);
		hj_end_obj(j);
	}
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_result("@@HIL", id, 0);
}

static int ctx_erase(uint32_t id, int argc)
{
	if (!hil_g_port->test_commands) {
		return hil_cmd_test_gate(id, "ctx erase");
	}
	if (argc != 2) {
		return hil_out_error(id, -HIL_EINVAL, "usage: hil ctx erase");
	}
	int rc = hil_ctx_store_erase();

	if (rc != 0) {
		hil_msg_reset();
		hil_msg("flash erase failed: ");
		hil_msg_int(rc);
		return hil_out_error(id, rc, hil_msg_text());
	}
	struct hil_json *j = hil_out_json();

	hj_obj(j);
	hj_key(j, "erased");
	hj_arr(j);
	hj_str(j, "A");
	hj_str(j, "B");
	hj_end_arr(j);
	hj_end_obj(j);
	return hil_out_result("@@HIL", id, 0);
}

int hil_cmd_ctx(uint32_t id, int argc, char **argv)
{
	if (argc >= 2 && hil_streq(argv[1], "save")) {
		int rc = ctx_save(id, argc, argv);

		hil_flash_fault_arm(0); /* consumed by this save, whatever happened */
		return rc;
	}
	if (argc >= 2 && hil_streq(argv[1], "restore")) {
		return ctx_restore(id, argc, argv);
	}
	if (argc >= 2 && hil_streq(argv[1], "info")) {
		return ctx_info(id, argc);
	}
	if (argc >= 2 && hil_streq(argv[1], "erase")) {
		return ctx_erase(id, argc);
	}
	return ctx_usage(id);
}
