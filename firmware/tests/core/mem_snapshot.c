#include <string.h>

#include "hil/errno.h"
#include "mem_snapshot.h"

static const struct mem_snapshot *of(const struct hil_snapshot *s)
{
	return (const struct mem_snapshot *)s->user;
}

static int m_ext(const struct hil_snapshot *s, uint32_t i, struct hil_saved_ext *out)
{
	if (i >= s->n) {
		return -HIL_EINVAL;
	}
	*out = of(s)->ext[i];
	return 0;
}

static int m_map(const struct hil_snapshot *s, uint32_t k, struct hil_saved_map *out)
{
	if (k >= s->n_maps) {
		return -HIL_EINVAL;
	}
	*out = of(s)->maps[k];
	return 0;
}

static int m_sym(const struct hil_snapshot *s, uint32_t k, struct hil_saved_sym *out)
{
	if (k >= s->n_syms) {
		return -HIL_EINVAL;
	}
	*out = of(s)->syms[k];
	return 0;
}

static int m_blob(const struct hil_snapshot *s, uint32_t off, void *dst, size_t len)
{
	if (off > s->blob_len || len > s->blob_len - off) {
		return -HIL_EINVAL;
	}
	memcpy(dst, of(s)->blob + off, len);
	return 0;
}

static int m_image(void *user, uint32_t i, const char *name, struct hil_ctx_image *out)
{
	const struct mem_snapshot *m = user;

	(void)name;
	if (i >= m->snap.n) {
		return -HIL_ENOENT;
	}
	*out = m->img[i];
	return 0;
}

void mem_snapshot_bind(struct mem_snapshot *m, const uint8_t *store)
{
	m->snap.ext = m_ext;
	m->snap.map = m_map;
	m->snap.sym = m_sym;
	m->snap.blob = m_blob;
	m->snap.user = m;
	m->images.find = m_image;
	m->images.base = store;
	m->images.user = m;
}

int mem_snapshot_read(struct mem_snapshot *m, const struct hil_snapshot *s)
{
	int rc = 0;

	m->snap.n = s->n;
	m->snap.n_maps = s->n_maps;
	m->snap.n_syms = s->n_syms;
	m->snap.blob_len = s->blob_len;
	for (uint32_t i = 0; i < s->n && rc == 0; i++) {
		rc = s->ext(s, i, &m->ext[i]);
	}
	for (uint32_t k = 0; k < s->n_maps && rc == 0; k++) {
		rc = s->map(s, k, &m->maps[k]);
	}
	for (uint32_t k = 0; k < s->n_syms && rc == 0; k++) {
		rc = s->sym(s, k, &m->syms[k]);
	}
	if (rc == 0 && s->blob_len > 0) {
		rc = s->blob(s, 0, m->blob, s->blob_len);
	}
	return rc;
}
