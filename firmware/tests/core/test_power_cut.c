/*
 * Power cut at EVERY flash operation of a save, on an emulated NOR flash: the restore
 * that follows the reboot must yield the previous context or the new one, never a torn
 * one, and never write flash.
 *
 * Scenario: two saves (seq 1 in A, seq 2 in B) are the "old" state; the third save (seq 3)
 * overwrites slot A, the one holding the older context, and is cut at operation k.
 */
#include <string.h>

#include "test_support.h"

static uint8_t prod[700], cons[300];
static uint8_t pre_flash[T_FLASH_SIZE];

#define OLD_PROD 3   /* counter values as saved by seq 2 */
#define NEW_PROD 6   /* as saved by seq 3 */

static int value_of(const char *name)
{
	char line[64];
	int rc;

	snprintf(line, sizeof(line), "call %s get", name);
	const char *json = t_cmd_json(line, &rc);

	if (rc != 0) {
		return -1;
	}
	const char *v = strstr(json, "\"value\":");
	return v == NULL ? -1 : atoi(v + 8);
}

static void bring_up(int incs)
{
	int rc;

	t_boot();
	CHECK_EQ_INT(t_upload("prod", prod, sizeof(prod)), 0);
	CHECK_EQ_INT(t_upload("cons", cons, sizeof(cons)), 0);
	(void)t_cmd_json("load prod", &rc);
	CHECK_EQ_INT(rc, 0);
	(void)t_cmd_json("load cons", &rc);
	CHECK_EQ_INT(rc, 0);
	for (int i = 0; i < incs; i++) {
		(void)t_cmd_json("call prod inc", &rc);
	}
}

static uint32_t seq_of(const char *json)
{
	const char *s = strstr(json, "\"seq\":");

	return s == NULL ? 0 : (uint32_t)atoi(s + 6);
}

int main(void)
{
	int rc;
	const char *json;

	t_make_image(prod, sizeof(prod), 1);
	t_make_image(cons, sizeof(cons), 40);
	memcpy(cons + 8, "prod", 4); /* cons depends on prod */

	t_flash_wipe();
	bring_up(1);
	json = t_cmd_json("ctx save", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "\"slot\":\"A\",\"seq\":1,\"n\":2,\"exts\":[\"prod\",\"cons\"]");
	(void)t_cmd_json("call prod inc", &rc);
	json = t_cmd_json("ctx save", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_CONTAINS(json, "\"slot\":\"B\",\"seq\":2");
	CHECK_EQ_INT(value_of("prod"), OLD_PROD);
	memcpy(pre_flash, t_flash, sizeof(pre_flash));

	int cuts = 0, got_old = 0, got_new = 0;
	uint32_t k;

	for (k = 1; k < 1000; k++) {
		memcpy(t_flash, pre_flash, sizeof(t_flash));
		bring_up(OLD_PROD + (NEW_PROD - OLD_PROD) - 1); /* 1 + 4 incs = counter 6 */
		CHECK_EQ_INT(value_of("prod"), NEW_PROD);
		char arm[32];

		snprintf(arm, sizeof(arm), "fault flash %u", k);
		(void)t_cmd_json(arm, &rc);
		CHECK_EQ_INT(rc, 0);

		t_power_cut_armed = true;
		if (setjmp(t_power_cut_env) == 0) {
			json = t_cmd_json("ctx save", &rc);
			t_power_cut_armed = false;
			/* the save completed: k is past its last operation */
			CHECK_EQ_INT(rc, 0);
			CHECK_CONTAINS(json, "\"slot\":\"A\",\"seq\":3");
			break;
		}
		t_power_cut_armed = false;
		cuts++;

		/* reboot and restore */
		t_boot();
		uint8_t before[T_FLASH_SIZE];

		memcpy(before, t_flash, sizeof(before));
		char restored[512];

		snprintf(restored, sizeof(restored), "%s", t_cmd_json("ctx restore", &rc));
		json = restored; /* value_of() reuses the result buffer */
		CHECK_EQ_INT(rc, 0);
		CHECK(memcmp(before, t_flash, sizeof(before)) == 0); /* restore never writes */
		uint32_t seq = seq_of(json);
		int v = value_of("prod");

		if (seq == 2) {
			got_old++;
			CHECK_EQ_INT(v, OLD_PROD);
			CHECK_CONTAINS(json, "\"slot\":\"B\"");
		} else if (seq == 3) {
			got_new++;
			CHECK_EQ_INT(v, NEW_PROD);
			CHECK_CONTAINS(json, "\"slot\":\"A\"");
		} else {
			fprintf(stderr, "cut at op %u: restored seq %u (%s)\n", k, seq, json);
			CHECK(false);
		}
		CHECK_EQ_INT(value_of("cons"), 40);
		json = t_cmd_json("state", &rc);
		CHECK_CONTAINS(json, "{\"name\":\"cons\",\"use_count\":1,\"deps\":[\"prod\"]");
	}
	printf("save had %u flash operations; %d cuts -> %d old, %d new contexts restored\n",
	       k - 1, cuts, got_old, got_new);
	CHECK(cuts >= 4);                 /* at least: erase, body, header, commit */
	CHECK_EQ_INT((uint32_t)cuts, k - 1);
	CHECK_EQ_INT(got_old, cuts);      /* only the completed commit makes the new one valid */

	/* after the uninterrupted save, a reboot restores seq 3 with the new counter */
	t_boot();
	json = t_cmd_json("ctx restore", &rc);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(seq_of(json), 3);
	CHECK_EQ_INT(value_of("prod"), NEW_PROD);

	/* the erase counts survived: A erased twice (seq 1, seq 3), B once */
	json = t_cmd_json("ctx info", &rc);
	CHECK_CONTAINS(json, "{\"slot\":\"A\",\"valid\":true,\"why\":\"ok\",\"seq\":3");
	CHECK_CONTAINS(json, "\"erases\":2}");
	CHECK_CONTAINS(json, "{\"slot\":\"B\",\"valid\":true,\"why\":\"ok\",\"seq\":2");
	return t_done("test_power_cut");
}
