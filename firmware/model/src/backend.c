/* The model as a `struct hil_backend`: thin adapters over the list, heap and context. */
#include <string.h>

#include "heap.h"
#include "llext_list.h"
#include "model/llext_model.h"
#include "save_restore.h"

static struct hil_backend backend;

static int be_load(const char *name, uint8_t *image, size_t len)
{
	return model_load(name, image, len);
}

static int be_unload(const char *name, uint32_t *use_count_after)
{
	int rc;

	if (!name) {
		return -HIL_EINVAL;
	}
	rc = model_unload(name, use_count_after);
	return rc > 0 ? 0 : rc;   /* llext_unload's positive "still in use" count is not an error */
}

static int be_call(const char *name, const char *symbol, int32_t *value)
{
	if (!name || !symbol || !value) {
		return -HIL_EINVAL;
	}
	return model_call(name, symbol, value);
}

static int be_use_count(const char *name, uint32_t *use_count)
{
	const struct model_llext *ext = name ? list_by_name(name) : NULL;

	if (!ext) {
		return -HIL_ENOENT;
	}
	*use_count = ext->use_count;
	return 0;
}

static void describe(const struct model_llext *ext, struct hil_ext_state *out)
{
	const struct model_loader *ldr = loader_of(ext);
	unsigned int j;

	memset(out, 0, sizeof(*out));
	memcpy(out->name, ext->name, sizeof(out->name));
	out->name[HIL_NAME_MAX] = '\0';
	out->use_count = ext->use_count;
	out->exp_cnt = (uint32_t)ext->exp_tab.sym_cnt;
	out->sect_cnt = ext->sect_cnt;
	out->alloc = (uint32_t)(heap_block_size(ext) + heap_block_size(ext->exp_tab.syms) +
				(ldr ? heap_block_size(ldr->sect_map) : 0));
	for (j = 0; j < HIL_MAX_DEPS && ext->dependency[j]; j++) {
		if (llext_is_live(ext->dependency[j])) {
			memcpy(out->deps[j], ext->dependency[j]->name, HIL_NAME_MAX);
		} else {
			memcpy(out->deps[j], "?", 2);   /* dangling: see docs/model.md */
		}
	}
	out->n_deps = j;
}

static size_t be_list(size_t first, struct hil_ext_state *out, size_t max)
{
	const struct model_snode *n;
	size_t count = 0;

	for (n = model_llext_list.head; n; n = n->next, count++) {
		if (out && count >= first && count - first < max) {
			describe((const struct model_llext *)n, &out[count - first]);
		}
	}
	return count;
}

static void be_heap(struct hil_heap_stats *out)
{
	heap_stats(out);
}

static int be_save(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap)
{
	if (!snap || (n && !names)) {
		return -HIL_EINVAL;
	}
	return context_save(names, n, snap);
}

static int be_restore(const struct hil_snapshot *snap, const uint8_t *order)
{
	return context_restore(snap, order);
}

static void be_fault_alloc(uint32_t k)
{
	heap_fault_arm(k);
}

static uint32_t be_fault_alloc_armed(void)
{
	return heap_fault_armed();
}

static uint32_t be_alloc_calls(void)
{
	return heap_alloc_calls();
}

int model_profile_parse(const char *name, enum model_profile *out)
{
	if (name && strcmp(name, "upstream") == 0) {
		*out = MODEL_PROFILE_UPSTREAM;
		return 0;
	}
	if (name && strcmp(name, "contract") == 0) {
		*out = MODEL_PROFILE_CONTRACT;
		return 0;
	}
	return -HIL_EINVAL;
}

int model_init(const struct model_config *cfg)
{
	if (!cfg || !cfg->heap || cfg->heap_size < 64 || !cfg->fatal ||
	    (cfg->profile != MODEL_PROFILE_UPSTREAM && cfg->profile != MODEL_PROFILE_CONTRACT)) {
		return -HIL_EINVAL;
	}
	heap_init(cfg->heap, cfg->heap_size, cfg->fatal);
	list_reset();
	context_set_profile(cfg->profile);

	backend.profile = cfg->profile == MODEL_PROFILE_CONTRACT ? "contract" : "upstream";
	backend.sizes.llext = (uint16_t)sizeof(struct model_llext);
	backend.sizes.sect_map = (uint16_t)sizeof(struct model_sect_map);
	backend.sizes.symbol = (uint16_t)sizeof(struct model_symbol);
	backend.sizes.ptr = (uint16_t)sizeof(void *);
	backend.load = be_load;
	backend.unload = be_unload;
	backend.call = be_call;
	backend.use_count = be_use_count;
	backend.list = be_list;
	backend.heap = be_heap;
	backend.save = be_save;
	backend.restore = be_restore;
	backend.fault_alloc = be_fault_alloc;
	backend.fault_alloc_armed = be_fault_alloc_armed;
	backend.alloc_calls = be_alloc_calls;
	return 0;
}

const struct hil_backend *model_backend(void)
{
	return &backend;
}

void model_events(struct model_events *out)
{
	memset(out, 0, sizeof(*out));
	heap_events(out);
	out->dep_slot8_reads = dep_slot8_reads();
	out->stale_deps = stale_deps();
}
