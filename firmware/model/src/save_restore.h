/*
 * llext_relink_dependency() and llext_restore() over the model structures, in two
 * profiles (see docs/model.md), and the backend's save/restore orchestration around them.
 */
#ifndef MODEL_SAVE_RESTORE_H
#define MODEL_SAVE_RESTORE_H

#include "model/llext_model.h"
#include "model_types.h"

/* Upstream, step by step as the commit in shared/seed, quirks included. */
int upstream_relink_dependency(struct model_llext *ext, unsigned int n_ext);
int upstream_restore(struct model_llext **ext, struct model_loader **ldr, unsigned int n_ext);

/* What the API documentation promises: all-or-nothing, validated input. */
int contract_relink_dependency(struct model_llext *ext, unsigned int n_ext);
int contract_restore(struct model_llext **ext, struct model_loader **ldr, unsigned int n_ext);

/* Orchestration behind hil_backend.save/.restore, using the selected profile. */
void context_set_profile(enum model_profile profile);
int context_save(const char (*names)[HIL_NAME_MAX + 1], size_t n, struct hil_snapshot *snap);
int context_restore(const struct hil_snapshot *snap, const uint8_t *order);

#endif /* MODEL_SAVE_RESTORE_H */
