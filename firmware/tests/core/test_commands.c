/* The command handler end to end with the fake backend. */
#include <string.h>

#include "hil/images.h"
#include "test_support.h"

static uint8_t a_img[500], b_img[200];

static void copy(char *dst, const char *src) { snprintf(dst, 1024, "%s", src); }

int main(void)
{
	int rc;
	const char *json;
	char keep[1024];

	t_make_image(a_img, sizeof(a_img), 5);
	t_make_image(b_img, sizeof(b_img), 50);
	memcpy(b_img + 8, "alpha", 5);
	t_flash_wipe();
	t_boot();

	/* nothing saved yet */
	CHECK_CMD("@1 ctx restore", -HIL_ENOENT, "{\"error\":\"no valid context in slot A or B\"}");
	CHECK_CMD("@2 ctx info", 0, "{\"active\":null,\"slots\":["
		  "{\"slot\":\"A\",\"valid\":false,\"why\":\"empty\",\"seq\":0,\"build_match\":false,\"n\":0,\"exts\":[],\"bytes\":0,\"erases\":0},"
		  "{\"slot\":\"B\",\"valid\":false,\"why\":\"empty\",\"seq\":0,\"build_match\":false,\"n\":0,\"exts\":[],\"bytes\":0,\"erases\":0}]}");

	/* an empty context: n = 0, restore returns 0 without calling llext_restore */
	CHECK_CMD("ctx save", 0, "{\"slot\":\"A\",\"seq\":1,\"n\":0,\"exts\":[],\"bytes\":96,\"erases\":1,\"relink\":0}");
	CHECK_CMD("ctx restore", 0, "{\"slot\":\"A\",\"seq\":1,\"n\":0,\"exts\":[],\"restore\":0}");
	CHECK_EQ_INT(t_restore_calls, 0);

	/* load / unload / call */
	CHECK_CMD("load alpha", -HIL_ENOENT, "{\"error\":\"no image named 'alpha'; upload it first\"}");
	CHECK_EQ_INT(t_upload("alpha", a_img, sizeof(a_img)), 0);
	CHECK_EQ_INT(t_upload("beta", b_img, sizeof(b_img)), 0);
	/* its dependency is not loaded: the backend's rc */
	CHECK_CMD_CONTAINS("load beta", -HIL_ENOENT, "llext_load of 'beta' returned -2");
	CHECK_CMD("@3 load alpha", 0, "{\"name\":\"alpha\",\"use_count\":1}");
	/* already loaded: llext_load returns the use count */
	CHECK_CMD("load alpha", 2, "{\"name\":\"alpha\",\"use_count\":2}");
	CHECK_CMD("unload alpha", 0, "{\"name\":\"alpha\",\"use_count\":1}");
	json = t_cmd_json("load beta", &rc);
	CHECK_EQ_INT(rc, 0);
	json = t_cmd_json("call alpha inc", &rc);
	CHECK_STR(json, "{\"name\":\"alpha\",\"symbol\":\"inc\",\"value\":6}");
	CHECK_CMD("unload gamma", -HIL_ENOENT, "{\"error\":\"no extension named 'gamma' is loaded\"}");
	json = t_cmd_json("state", &rc);
	CHECK_STR(json, "{\"exts\":["
		  "{\"name\":\"alpha\",\"use_count\":2,\"deps\":[],\"exp\":1,\"sect\":2,\"alloc\":100},"
		  "{\"name\":\"beta\",\"use_count\":1,\"deps\":[\"alpha\"],\"exp\":1,\"sect\":2,\"alloc\":100}],"
		  "\"heap\":{\"size\":16384,\"used\":200,\"free\":16184,\"max_used\":200,\"allocs\":2}}");
	/* an image in use cannot be replaced */
	json = t_cmd_json("upload begin beta 10 0", &rc);
	CHECK_EQ_INT(rc, -HIL_EBUSY);

	/* relink failure: beta without its dependency */
	CHECK_CMD_CONTAINS("ctx save beta", -HIL_ENOENT, "{\"relink\":-2,\"error\":");
	/* names in the order given */
	json = t_cmd_json("ctx save beta alpha", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "{\"slot\":\"B\",\"seq\":2,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"bytes\":");
	CHECK_CONTAINS(json, "\"erases\":1,\"relink\":0}");
	json = t_cmd_json("ctx info", &rc);
	CHECK_CONTAINS(json, "{\"active\":\"B\",\"slots\":[{\"slot\":\"A\",\"valid\":true,\"why\":\"ok\",\"seq\":1,\"build_match\":true,\"n\":0,\"exts\":[],\"bytes\":96,\"erases\":1},");
	CHECK_CONTAINS(json, "{\"slot\":\"B\",\"valid\":true,\"why\":\"ok\",\"seq\":2,\"build_match\":true,\"n\":2,\"exts\":[\"beta\",\"alpha\"]");

	/* restore while the very same images are still in the store and loaded (restoring
	 * twice): the saved bytes are written back in place and llext_restore is called, so
	 * the campaign can observe what upstream does with an already-populated list */
	json = t_cmd_json("ctx restore", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(t_restore_calls, 1);

	/* reboot: RAM is gone, the context is in flash */
	t_boot();
	CHECK_CMD_CONTAINS("ctx restore order 0,0", -HIL_EINVAL, "order: expected a permutation of 0..n-1 with n = 2");
	CHECK_CMD("ctx restore order 1,0", 0, "{\"slot\":\"B\",\"seq\":2,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"restore\":0}");
	CHECK_EQ_INT(t_restore_calls, 1);
	CHECK_EQ_INT(t_restore_order[0], 1);
	CHECK_EQ_INT(t_restore_order[1], 0);
	json = t_cmd_json("call alpha get", &rc);
	CHECK_STR(json, "{\"name\":\"alpha\",\"symbol\":\"get\",\"value\":6}"); /* .data survived */
	json = t_cmd_json("upload list", &rc);
	CHECK_CONTAINS(json, "{\"name\":\"beta\",\"len\":200,");
	CHECK_CONTAINS(json, "\"complete\":true");

	/* after a reboot, a new upload is placed above the saved images (the newest context
	 * holds beta and alpha), so a later restore can still put them back where they were */
	t_boot();
	{
		static const uint8_t g_img[24] = { 7, 7, 7 };
		uint32_t saved_end = 0;

		CHECK_EQ_INT(t_upload("gamma", g_img, sizeof(g_img)), 0);
		const struct hil_image *g = hil_images_by_name("gamma");

		CHECK(g != NULL);
		/* alpha was uploaded first at 0, beta after it at the next 16-byte boundary */
		saved_end = (uint32_t)(((sizeof(a_img) + 15u) & ~15u) + sizeof(b_img));
		CHECK(g != NULL && g->offset >= saved_end);
		json = t_cmd_json("ctx restore", &rc);
		CHECK_EQ_INT(rc, 0);
	}

	/* llext_restore failing: rc in both places */
	t_boot();
	t_next_restore_rc = -HIL_ENOMEM;
	CHECK_CMD("ctx restore", -HIL_ENOMEM, "{\"slot\":\"B\",\"seq\":2,\"n\":2,\"exts\":[\"beta\",\"alpha\"],\"restore\":-12,\"error\":\"llext_restore returned -12\"}");

	/* another build: -ENOEXEC and nothing changes */
	t_boot();
	t_port.build_id = "0000000000000001";
	t_out_clear();
	CHECK_CMD_CONTAINS("ctx restore", -HIL_ENOEXEC, "another build");
	CHECK_EQ_INT(t_restore_calls, 0);
	json = t_cmd_json("upload list", &rc);
	CHECK_STR(json, "{\"images\":[]}");
	json = t_cmd_json("ctx info", &rc);
	copy(keep, json);
	CHECK_CONTAINS(keep, "{\"active\":null,");
	CHECK_CONTAINS(keep, "{\"slot\":\"B\",\"valid\":false,\"why\":\"other build\",\"seq\":2,\"build_match\":false,\"n\":2");
	t_port.build_id = "3f2a9c1e5b7d0a42";
	t_backend.sizes.llext = 212; /* other struct sizes: the same */
	json = t_cmd_json("ctx restore", &rc);
	CHECK_EQ_INT(rc, -HIL_ENOEXEC);
	t_backend.sizes.llext = 208;

	/* fault commands */
	json = t_cmd_json("fault alloc 3", &rc);
	CHECK_STR(json, "{\"alloc\":3}");
	json = t_cmd_json("fault flash 2", &rc);
	CHECK_STR(json, "{\"flash\":2}");
	json = t_cmd_json("fault", &rc);
	CHECK_STR(json, "{\"alloc\":3,\"flash\":2,\"alloc_calls\":0}");
	json = t_cmd_json("fault clear", &rc);
	json = t_cmd_json("fault", &rc);
	CHECK_STR(json, "{\"alloc\":0,\"flash\":0,\"alloc_calls\":0}");

	/* ctx erase keeps the erase counts (in RAM) for the next save */
	json = t_cmd_json("ctx erase", &rc);
	CHECK_STR(json, "{\"erased\":[\"A\",\"B\"]}");
	json = t_cmd_json("ctx info", &rc);
	CHECK_CONTAINS(json, "{\"slot\":\"A\",\"valid\":false,\"why\":\"empty\",\"seq\":0,\"build_match\":false,\"n\":0,\"exts\":[],\"bytes\":0,\"erases\":2}");
	CHECK_CONTAINS(json, "\"erases\":2}]}");
	json = t_cmd_json("ctx save", &rc);
	CHECK_STR(json, "{\"slot\":\"A\",\"seq\":1,\"n\":0,\"exts\":[],\"bytes\":96,\"erases\":3,\"relink\":0}");

	/* reset prints its result, flushes, then resets */
	t_out_clear();
	json = t_cmd_json("@9 reset warm", &rc);
	CHECK_STR(json, "{\"reset\":\"warm\"}");
	CHECK_EQ_INT(t_resets, 1);
	return t_done("test_commands");
}
