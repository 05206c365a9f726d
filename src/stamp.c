/* stamp.c -- whether outputs are up to date: a key over everything that shapes them, kept beside the outputs. */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "stamp.h"
#include "util.h"

/* glib's GChecksum (already linked through pango) provides SHA-256. */
struct av_key {
	GChecksum *sum;
};

struct av_key *
av_key_new(void)
{
	struct av_key *k = av_xmalloc(sizeof *k);
	k->sum = g_checksum_new(G_CHECKSUM_SHA256);
	return k;
}

void
av_key_add(struct av_key *k, const char *label, const void *data, size_t len)
{
	char head[64];
	int n = snprintf(head, sizeof head, "%zu:%zu:", strlen(label), len);
	g_checksum_update(k->sum, (const guchar *)head, (gssize)n);
	g_checksum_update(k->sum, (const guchar *)label, (gssize)strlen(label));
	if (len)
		g_checksum_update(k->sum, data, (gssize)len);
}

void
av_key_adds(struct av_key *k, const char *label, const char *s)
{
	av_key_add(k, label, s ? s : "", s ? strlen(s) : 0);
	if (s == NULL)
		av_key_add(k, "(null)", "", 0);
}

void
av_key_add_file(struct av_key *k, const char *label, const char *path)
{
	char *bytes;
	size_t len;
	if (av_read_file(path, (size_t)1 << 30, &bytes, &len) == 0) {
		av_key_add(k, label, bytes, len);
		free(bytes);
	} else {
		av_key_add(k, label, "(unreadable)", 12);
	}
}

char *
av_key_end(struct av_key *k)
{
	char *hex = av_xstrdup(g_checksum_get_string(k->sum));
	g_checksum_free(k->sum);
	free(k);
	return hex;
}

#define STAMP_MAGIC "ansvar-stamp 1\n"

int
av_stamp_read(const char *path, struct av_stamp *s)
{
	char *text, *line, *save = NULL;
	size_t len;

	memset(s, 0, sizeof *s);
	if (av_read_file(path, 1 << 20, &text, &len) != 0)
		return -1;
	if (strncmp(text, STAMP_MAGIC, strlen(STAMP_MAGIC)) != 0) {
		free(text);
		return -1;
	}
	for (line = strtok_r(text + strlen(STAMP_MAGIC), "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "key ", 4) == 0 && s->key == NULL)
			s->key = av_xstrdup(line + 4);
		else if (strncmp(line, "id ", 3) == 0 && s->id == NULL)
			s->id = av_xstrdup(line + 3);
		else if (strncmp(line, "dep ", 4) == 0)
			av_stamp_add_dep(s, line + 4);
		else if (strncmp(line, "file ", 5) == 0)
			av_stamp_add_file(s, line + 5);
	}
	free(text);
	if (s->key == NULL) {
		av_stamp_free(s);
		return -1;
	}
	return 0;
}

int
av_stamp_write(const char *path, const struct av_stamp *s)
{
	struct av_buf b = {0};
	size_t i;
	int rc;

	av_buf_adds(&b, STAMP_MAGIC);
	av_buf_printf(&b, "key %s\n", s->key);
	if (s->id)
		av_buf_printf(&b, "id %s\n", s->id);
	for (i = 0; i < s->ndeps; i++)
		av_buf_printf(&b, "dep %s\n", s->deps[i]);
	for (i = 0; i < s->nfiles; i++)
		av_buf_printf(&b, "file %s\n", s->files[i]);
	rc = av_write_atomic(path, b.data, b.len);
	av_buf_free(&b);
	return rc;
}

void
av_stamp_add_file(struct av_stamp *s, const char *rel)
{
	s->files = av_xgrow(s->files, &s->cap, s->nfiles + 1, sizeof *s->files);
	s->files[s->nfiles++] = av_xstrdup(rel);
}

void
av_stamp_add_dep(struct av_stamp *s, const char *path)
{
	s->deps = av_xgrow(s->deps, &s->deps_cap, s->ndeps + 1, sizeof *s->deps);
	s->deps[s->ndeps++] = av_xstrdup(path);
}

int
av_stamp_has_file(const struct av_stamp *s, const char *rel)
{
	size_t i;
	for (i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i], rel) == 0)
			return 1;
	return 0;
}

int
av_stamp_outputs_exist(const struct av_stamp *s, const char *dir)
{
	size_t i;
	for (i = 0; i < s->nfiles; i++) {
		char *p = av_path_join(dir, s->files[i]);
		int ok = av_file_exists(p);
		free(p);
		if (!ok)
			return 0;
	}
	return 1;
}

void
av_stamp_free(struct av_stamp *s)
{
	size_t i;
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	for (i = 0; i < s->ndeps; i++)
		free(s->deps[i]);
	free(s->deps);
	free(s->id);
	free(s->key);
	memset(s, 0, sizeof *s);
}
