/* render.c -- one collaboration to its outputs: the complete document, a handout per role, the diagram. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "diagram.h"
#include "fo.h"
#include "fonts.h"
#include "hyphenate.h"
#include "pdf_post.h"
#include "render.h"
#include "stamp.h"
#include "transform.h"
#include "util.h"

struct av_renderer {
	struct av_render_options o;
	char *fingerprint;              /* of the template set's files */
	struct av_templates *t;         /* compiled when something is to be rendered */
	struct av_old_versions *old;    /* --changes-since */
};

/* Where the stamps of a run's inputs live: one per input file, named by
 * the input's absolute path, so a rerun can tell "up to date" from the
 * input's bytes alone, without parsing it. */
#define STAMP_DIR ".ansvar"

struct av_renderer *
av_renderer_new(const struct av_render_options *o, struct av_diags *d)
{
	struct av_renderer *r;
	char *fp = av_templates_fingerprint_files(o->templates, d);

	if (fp == NULL)
		return NULL;
	r = av_xcalloc(1, sizeof *r);
	r->o = *o;
	r->fingerprint = fp;
	/* The old versions are part of the up-to-date key (opening them reads
	 * only each file's root element). */
	if (o->changes_since && (r->old = av_old_versions_open(o->changes_since, d)) == NULL) {
		av_renderer_free(r);
		return NULL;
	}
	return r;
}

/* What rendering needs: the fonts and the compiled template set. */
static int
renderer_load(struct av_renderer *r, struct av_diags *d)
{
	if (r->t != NULL)
		return 0;
	if (av_fonts_init(d) != 0)
		return -1;
	av_fo_register_foreign(&av_diagram_foreign);
	if ((r->t = av_templates_load(r->o.templates, d)) == NULL)
		return -1;
	return 0;
}

void
av_renderer_free(struct av_renderer *r)
{
	if (r == NULL)
		return;
	av_templates_free(r->t);
	av_old_versions_free(r->old);
	free(r->fingerprint);
	free(r);
}

void
av_render_input_free(struct av_render_input *in)
{
	free(in->path);
	free(in->id);
	free(in->key);
	av_collab_free(in->collab);
	av_diags_free(&in->diags);
	memset(in, 0, sizeof *in);
}

static char *
stamp_path(const struct av_renderer *r, const char *input)
{
	char abs[PATH_MAX];
	struct av_key *k = av_key_new();
	char *hex, *name, *path;

	av_key_adds(k, "input", realpath(input, abs) ? abs : input);
	hex = av_key_end(k);
	hex[24] = '\0';
	name = av_xasprintf(STAMP_DIR "/%s.stamp", hex);
	path = av_path_join(r->o.outdir, name);
	free(name);
	free(hex);
	return path;
}

/* The key of everything that shapes the outputs of the input with
 * collaboration id `id`, with the template set's fingerprint `templates`. */
static char *
make_key(const struct av_renderer *r, const char *templates, const char *id, const char *bytes, size_t len,
    char *const *deps, size_t ndeps)
{
	struct av_key *k = av_key_new();
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	size_t i;

	av_key_adds(k, "version", PACKAGE_VERSION);
	av_key_adds(k, "templates", templates);
	av_key_adds(k, "lang", r->o.lang);
	av_key_adds(k, "appendix", r->o.appendix);
	av_key_adds(k, "emit-fo", r->o.emit_fo ? "yes" : "no");
	av_key_adds(k, "source-date-epoch", sde);
	av_key_add(k, "input", bytes, len);
	if (r->old)
		av_old_versions_key(r->old, id, k);
	for (i = 0; i < ndeps; i++) {
		av_key_adds(k, "dep", deps[i]);
		av_key_add_file(k, "dep-bytes", deps[i]);
	}
	return av_key_end(k);
}

/* The files besides the input that shape the outputs: the logo. */
static size_t
collab_deps(const struct av_collab *c, char **deps)
{
	char abs[PATH_MAX];
	if (c->logo_path == NULL)
		return 0;
	deps[0] = av_xstrdup(realpath(c->logo_path, abs) ? abs : c->logo_path);
	return 1;
}

/* Whether the input is up to date: its stamp's key is the key of its
 * bytes now, and every output the stamp lists exists.  Reads the stamp
 * and the input's bytes, nothing else. */
static int
up_to_date(struct av_renderer *r, struct av_render_input *in)
{
	struct av_stamp old;
	char *spath = stamp_path(r, in->path), *bytes = NULL, *key;
	size_t len;
	int yes = 0;

	if (av_stamp_read(spath, &old) == 0) {
		/* The id names a directory below DIR: only an id as ids are. */
		if (old.id && av_valid_id(old.id) && av_read_file(in->path, (size_t)1 << 30, &bytes, &len) == 0) {
			key = make_key(r, r->fingerprint, old.id, bytes, len, old.deps, old.ndeps);
			if (strcmp(key, old.key) == 0 && av_stamp_outputs_exist(&old, r->o.outdir)) {
				yes = 1;
				in->id = av_xstrdup(old.id);
				in->key = key;
				key = NULL;
			}
			free(key);
			free(bytes);
		}
		av_stamp_free(&old);
	}
	free(spath);
	return yes;
}

/* Loads and checks an input to render; keeps what the run needs of it
 * (id, language, the digest of the bytes checked), not the model. */
static void
check_one(struct av_render_input *in)
{
	struct av_collab *c = av_collab_check(in->path, &in->diags);

	in->pre = AV_JOB_FAILED;
	if (c != NULL && !av_diags_has_errors(&in->diags)) {
		in->id = av_xstrdup(c->id);
		in->lang = c->lang;
		memcpy(in->sha256, c->sha256, sizeof in->sha256);
		in->pre = AV_JOB_DONE;
	}
	av_collab_free(c);
}

static int
cmp_input_id(const void *a, const void *b, void *inputs)
{
	const struct av_render_input *in = inputs;
	return strcmp(in[*(const size_t *)a].id, in[*(const size_t *)b].id);
}

/* Where an input's collaboration element is, for the message about a
 * shared id (the model is not kept, so it is loaded again). */
static void
id_location(const struct av_render_input *in, int *line, int *col)
{
	struct av_diags scratch = { 0 };
	struct av_collab *c = av_collab_load(in->path, &scratch);
	if (c) {
		*line = c->loc.line;
		*col = c->loc.col;
	}
	av_collab_free(c);
	av_diags_free(&scratch);
}

int
av_render_prepare(struct av_renderer *r, struct av_render_input *in, size_t n,
    struct av_diags *d)
{
	struct av_id_use *uses;
	size_t *order, i, m = 0, todo = 0;
	unsigned char *shared;

	for (i = 0; i < n; i++) {
		in[i].pre = !r->o.force && up_to_date(r, &in[i]) ? AV_JOB_UP_TO_DATE : AV_JOB_DONE;
		todo += in[i].pre == AV_JOB_DONE;
	}
	/* Only now, and only when something is to be rendered, the set is
	 * compiled: a broken set fails the run before anything is checked or
	 * written.  (A set whose files changed since the outputs were made
	 * leaves nothing up to date, so a broken set is always reported.) */
	if (todo > 0 && renderer_load(r, d) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (in[i].pre == AV_JOB_DONE)
			check_one(&in[i]);

	uses = av_xcalloc(n ? n : 1, sizeof *uses);
	order = av_xcalloc(n ? n : 1, sizeof *order);
	shared = av_xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++)
		if (in[i].id != NULL)
			order[m++] = i;
	/* Which inputs share their id with another. */
	qsort_r(order, m, sizeof *order, cmp_input_id, in);
	for (i = 0; i + 1 < m; i++)
		if (strcmp(in[order[i]].id, in[order[i + 1]].id) == 0)
			shared[order[i]] = shared[order[i + 1]] = 1;
	free(order);
	m = 0;
	for (i = 0; i < n; i++) {
		if (in[i].id == NULL)
			continue;
		uses[m].id = in[i].id;
		uses[m].file = in[i].path;
		if (shared[i])
			id_location(&in[i], &uses[m].line, &uses[m].col);
		uses[m].d = &in[i].diags;
		uses[m].input = i;
		m++;
	}
	/* Both inputs of a shared id fail, so neither overwrites the other. */
	av_duplicate_ids(uses, m);
	for (i = 0; i < m; i++)
		if (uses[i].duplicate)
			in[uses[i].input].pre = AV_JOB_FAILED;
	/* What a killed run left: temporary files of the stamps and of every
	 * collaboration of this run, rendered now or up to date. */
	{
		char *sdir = av_path_join(r->o.outdir, STAMP_DIR);
		av_clean_temporaries(r->o.outdir);
		av_clean_temporaries(sdir);
		free(sdir);
	}
	for (i = 0; i < n; i++)
		if (in[i].id != NULL) {
			char *sub = av_path_join(r->o.outdir, in[i].id);
			av_clean_temporaries(sub);
			free(sub);
		}
	/* The hyphenation patterns of the languages to render, loaded here,
	 * once, so that every worker shares them (and only those: loading a
	 * language's patterns costs as much as typesetting a few pages). */
	for (i = 0; i < n; i++)
		if (in[i].pre == AV_JOB_DONE)
			av_hyph_get(r->o.lang ? r->o.lang : av_lang_name(in[i].lang), &in[i].diags);
	free(shared);
	free(uses);
	return 0;
}

/* The outputs of one input, made in memory before anything is written. */
struct output {
	char *rel;              /* relative to the output directory */
	struct av_buf data;
};

struct outputs {
	struct output *v;
	size_t n, cap;
};

static struct av_buf *
add_output(struct outputs *o, char *rel)
{
	struct output *x;
	o->v = av_xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
	x = &o->v[o->n++];
	x->rel = rel;
	memset(&x->data, 0, sizeof x->data);
	return &x->data;
}

static void
free_outputs(struct outputs *o)
{
	size_t i;
	for (i = 0; i < o->n; i++) {
		free(o->v[i].rel);
		av_buf_free(&o->v[i].data);
	}
	free(o->v);
}

/* The documents of a collaboration transformed before any of them is
 * typeset. */
#define PDF_GROUP 16

/* One PDF of a collaboration: the stylesheet, its parameters, the output
 * and, between the two stages, the FO. */
struct pdf_job {
	enum av_stylesheet which;
	struct av_transform_params p;
	char *rel;              /* relative to the output directory */
	char *fo_rel;           /* its FO's name beside it (written with --emit-fo) */
	xmlDoc *fo;
};

/* Transforms with the job's stylesheet (and keeps the FO beside the PDF
 * with --emit-fo). */
static int
transform_pdf(struct av_renderer *r, const struct av_collab *c, struct pdf_job *j, struct outputs *out,
    struct av_diags *d)
{
	j->fo = av_transform(r->t, j->which, c->doc, &j->p, d);
	if (j->fo == NULL)
		return -1;
	if (r->o.emit_fo) {
		size_t len;
		char *text = av_transform_serialise(j->fo, &len);
		av_buf_add(add_output(out, av_xstrdup(j->fo_rel)), text, len);
		free(text);
	}
	return 0;
}

/* What typesetting a document of the collaboration `input` said about its
 * FO `fo`, which is not written: said of the input (a line of an FO that
 * does not exist helps nobody), and once for all the documents of the
 * collaboration (a letter without a glyph is in the complete document and
 * in a handout).  Other diagnostics move to `d` as they are. */
static void
report_typesetting(struct av_diags *mine, const char *fo, const char *input, struct av_diags *d)
{
	size_t i, k;
	for (i = 0; i < mine->n; i++) {
		const struct av_diag *g = &mine->v[i];
		int seen = 0;
		if (g->file == NULL || strcmp(g->file, fo) != 0) {
			av_diag_at(d, g->code, g->file, g->line, g->col, "%s", g->msg);
			continue;
		}
		for (k = 0; k < d->n && !seen; k++)
			seen = d->v[k].code == g->code && d->v[k].line == 0 && d->v[k].file &&
			    strcmp(d->v[k].file, input) == 0 && strcmp(d->v[k].msg, g->msg) == 0;
		if (!seen)
			av_diag_at(d, g->code, input, 0, 0, "%s", g->msg);
	}
	av_diags_free(mine);
}

/* Typesets the job's FO into its PDF. */
static int
typeset_pdf(struct av_renderer *r, const struct av_collab *c, struct pdf_job *j, struct av_fo_cache *cache,
    struct outputs *out, struct av_diags *d)
{
	struct av_fo_options fopt;
	char *fo_name = av_path_join(r->o.outdir, j->fo_rel);
	char *dir = av_dirname(c->path);
	int rc;

	av_fo_options_init(&fopt);
	fopt.base_dir = dir;
	fopt.cache = cache;
	if (r->o.emit_fo) {
		/* the FO is written: its lines are worth naming */
		rc = av_fo_render(j->fo, fo_name, &fopt, add_output(out, av_xstrdup(j->rel)), d);
	} else {
		struct av_diags mine = { 0 };
		rc = av_fo_render(j->fo, fo_name, &fopt, add_output(out, av_xstrdup(j->rel)), &mine);
		report_typesetting(&mine, fo_name, c->path, d);
	}
	free(fo_name);
	free(dir);
	return rc;
}

static int
make_diagram(const struct av_renderer *r, const struct av_collab *c, const char *lang,
    struct outputs *out, struct av_diags *d)
{
	static const struct {
		enum av_dg_format f;
		const char *ext;
	} formats[] = { { AV_DG_PDF, "pdf" }, { AV_DG_SVG, "svg" }, { AV_DG_PNG, "png" } };
	struct av_dg_graph *g = av_dg_graph_from_collab(c, lang);
	struct av_dg_options lo = { 0 };
	struct av_dg_render_options ro = { 0 };
	struct av_dg_layout *l;
	char date[32], *day = NULL;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	size_t i;
	int rc = 0;

	lo.area_w = AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN;
	lo.area_h = AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN;
	lo.rotate = 1;
	l = av_dg_layout(g, &lo, d);
	ro.title = c->title;
	if (sde && *sde) {
		char *end;
		long long t = strtoll(sde, &end, 10);
		if (*end == '\0' && t >= 0) {
			av_pdf_iso_date(t, date);
			ro.creation_date = date;
		}
	} else if ((day = av_dg_collab_date(c)) != NULL) {
		snprintf(date, sizeof date, "%sT00:00:00Z", day);
		ro.creation_date = date;
	}
	for (i = 0; i < sizeof formats / sizeof formats[0] && rc == 0; i++) {
		char *rel = av_xasprintf("%s/organisation.%s", c->id, formats[i].ext);
		rc = av_dg_render(l, formats[i].f, &ro, add_output(out, rel), d);
	}
	free(day);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	(void)r;
	return rc;
}

/* A relative output path from a stamp is trusted only when it has the shape
 * this program gives them: ids, one directory level, no "..". */
static int
safe_rel(const char *rel)
{
	const char *p;
	if (rel[0] == '\0' || rel[0] == '/' || rel[0] == '.')
		return 0;
	for (p = rel; *p; p++) {
		if (p[0] == '/' && p[1] == '.')
			return 0;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' || *p == '/'))
			return 0;
	}
	return 1;
}

static int
write_outputs(const struct av_renderer *r, const char *id, struct outputs *out, struct av_diags *d)
{
	char *sub = av_path_join(r->o.outdir, id);
	size_t i;
	int rc = 0;

	if (av_mkdir_p(sub) != 0) {
		av_diag_at(d, AV_D_IO, sub, 0, 0, "cannot create the directory: %s", strerror(errno));
		free(sub);
		return -1;
	}
	{
		struct av_file_write *f = av_xcalloc(out->n ? out->n : 1, sizeof *f);
		char **paths = av_xcalloc(out->n ? out->n : 1, sizeof *paths);
		size_t failed = 0;
		for (i = 0; i < out->n; i++) {
			f[i].path = paths[i] = av_path_join(r->o.outdir, out->v[i].rel);
			f[i].data = out->v[i].data.data;
			f[i].len = out->v[i].data.len;
		}
		if (av_write_atomic_files(f, out->n, &failed) != 0) {
			av_diag_at(d, AV_D_IO, paths[failed], 0, 0, "cannot write: %s", strerror(errno));
			rc = -1;
		}
		for (i = 0; i < out->n; i++)
			free(paths[i]);
		free(paths);
		free(f);
	}
	free(sub);
	return rc;
}

/* The input as av_render_prepare() checked it, loaded again into
 * in->collab, with the key of what is rendered (the compiled set's
 * fingerprint, which is the one of its files unless libxslt found
 * directories the reading did not).  NULL after recording an error when
 * it no longer loads or its bytes changed since. */
static struct av_collab *
load_again(struct av_renderer *r, struct av_render_input *in, struct av_diags *d)
{
	struct av_diags scratch = { 0 };
	char *deps[1] = { NULL };
	size_t ndeps, i;

	in->collab = av_collab_load_again(in->path, in->sha256, &scratch);
	if (in->collab == NULL || av_diags_has_errors(&scratch) ||
	    strcmp(in->collab->sha256, in->sha256) != 0) {
		if (in->collab == NULL || !av_diags_has_errors(&scratch))
			av_diag_at(d, AV_D_IO, in->path, 0, 0,
			    "the file changed while the run was rendering others; nothing was written for it");
		else
			av_diags_move(d, &scratch);
		av_diags_free(&scratch);
		av_collab_free(in->collab);
		in->collab = NULL;
		return NULL;
	}
	av_diags_free(&scratch);
	ndeps = collab_deps(in->collab, deps);
	free(in->key);
	in->key = make_key(r, av_templates_fingerprint(r->t), in->collab->id, in->collab->bytes, in->collab->len,
	    deps, ndeps);
	for (i = 0; i < ndeps; i++)
		free(deps[i]);
	return in->collab;
}

/* What av_render_input() leaves to finish_input(): the outputs made in
 * memory and what the stamp records.  Nothing in it is shared with the
 * jobs that run meanwhile. */
struct pending {
	const struct av_renderer *r;
	const struct av_render_input *in;       /* its path and key */
	char *id;
	char *deps[1];
	size_t ndeps;
	struct outputs out;
};

/* Writes the outputs, removes those of roles that are gone and writes
 * the stamp; frees `arg`. */
static enum av_job_status
finish_input(void *arg, struct av_diags *d)
{
	struct pending *pd = arg;
	const struct av_renderer *r = pd->r;
	struct av_stamp old, st = { 0 };
	enum av_job_status status = AV_JOB_FAILED;
	char *spath;
	size_t i;
	int have_old;

	if (write_outputs(r, pd->id, &pd->out, d) != 0)
		goto out;
	/* Outputs this program wrote last time for roles that are gone. */
	spath = stamp_path(r, pd->in->path);
	have_old = av_stamp_read(spath, &old) == 0;
	st.key = pd->in->key;
	st.id = pd->id;
	for (i = 0; i < pd->ndeps; i++)
		av_stamp_add_dep(&st, pd->deps[i]);
	for (i = 0; i < pd->out.n; i++)
		av_stamp_add_file(&st, pd->out.v[i].rel);
	if (have_old) {
		for (i = 0; i < old.nfiles; i++) {
			if (!av_stamp_has_file(&st, old.files[i]) && safe_rel(old.files[i])) {
				char *path = av_path_join(r->o.outdir, old.files[i]);
				if (unlink(path) != 0 && errno != ENOENT)
					av_diag_at(d, AV_D_IO, path, 0, 0, "cannot remove an output of a role that is gone: %s",
					    strerror(errno));
				free(path);
			}
		}
		av_stamp_free(&old);
	}
	{
		char *dir = av_dirname(spath);
		if (av_mkdir_p(dir) != 0 || av_stamp_write(spath, &st) != 0)
			av_diag_at(d, AV_D_IO, spath, 0, 0, "cannot record that the outputs are up to date: %s",
			    strerror(errno));
		free(dir);
	}
	st.key = NULL;
	st.id = NULL;
	av_stamp_free(&st);
	free(spath);
	status = AV_JOB_DONE;
out:
	free_outputs(&pd->out);
	for (i = 0; i < pd->ndeps; i++)
		free(pd->deps[i]);
	free(pd->id);
	free(pd);
	return status;
}

static void
free_jobs(struct pdf_job *jobs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		xmlFreeDoc(jobs[i].fo);
		free(jobs[i].rel);
		free(jobs[i].fo_rel);
	}
	free(jobs);
}

enum av_job_status
av_render_input(struct av_renderer *r, struct av_render_input *in, struct av_diags *d,
    struct av_job_finish *finish)
{
	struct av_collab *c;
	struct av_transform_params p = { 0 };
	struct outputs out = { 0 };
	struct pending *pd;
	struct av_fo_cache *cache = NULL;
	struct pdf_job *jobs = NULL;
	char *logo = NULL, abs[PATH_MAX];
	const char *lang;
	size_t i, g, njobs = 0;

	if (in->pre != AV_JOB_DONE)
		return in->pre;
	assert(r->t != NULL);
	if ((c = load_again(r, in, d)) == NULL)
		return AV_JOB_FAILED;
	lang = r->o.lang ? r->o.lang : av_lang_name(c->lang);
	av_collab_colour_parties(c);
	if (r->old && av_old_versions_apply(r->old, c, d) != 0) {
		/* made without the old version it could not load: the
		 * stamp's key matches no run, so the next one tries again */
		free(in->key);
		in->key = av_xstrdup("-");
	}
	av_transform_hyphenate_words(c->doc);
	p.lang = lang;
	p.appendix = r->o.appendix;
	if (c->logo_path)
		p.logo = logo = av_xstrdup(realpath(c->logo_path, abs) ? abs : c->logo_path);

	/* The complete document and a handout per role, PDF_GROUP at a time:
	 * first the transformations, then the typesetting (each stage runs
	 * with its code and data warm: the XSLT takes about a fifth less time
	 * than when the two alternate; a group bounds the FO trees held at
	 * once).  The handouts set the charters of the complete document
	 * again: the text shaped for one is reused by the others. */
	njobs = 1 + c->nroles;
	jobs = av_xcalloc(njobs, sizeof *jobs);
	jobs[0].which = AV_STYLE_DOCUMENT;
	jobs[0].p = p;
	jobs[0].rel = av_xasprintf("%s.pdf", c->id);
	for (i = 0; i < c->nroles; i++) {
		struct pdf_job *j = &jobs[1 + i];
		j->which = AV_STYLE_HANDOUT;
		j->p = p;
		j->p.role = c->roles[i].id;
		/* The appendix is the complete document; a handout stands
		 * alone (no appendix page labels). */
		j->p.appendix = NULL;
		j->rel = av_xasprintf("%s/%s.pdf", c->id, c->roles[i].id);
	}
	for (i = 0; i < njobs; i++)
		jobs[i].fo_rel = av_xasprintf("%.*s.fo", (int)(strlen(jobs[i].rel) - 4), jobs[i].rel);
	cache = av_fo_cache_new();
	for (g = 0; g < njobs; g += PDF_GROUP) {
		size_t end = g + PDF_GROUP < njobs ? g + PDF_GROUP : njobs;
		for (i = g; i < end; i++)
			if (transform_pdf(r, c, &jobs[i], &out, d) != 0)
				goto fail;
		for (i = g; i < end; i++) {
			int rc = typeset_pdf(r, c, &jobs[i], cache, &out, d);
			xmlFreeDoc(jobs[i].fo);
			jobs[i].fo = NULL;
			if (rc != 0)
				goto fail;
		}
	}
	if (make_diagram(r, c, lang, &out, d) != 0 || av_diags_has_errors(d))
		goto fail;

	/* Everything is made: the writing is left to finish_input(). */
	pd = av_xcalloc(1, sizeof *pd);
	pd->r = r;
	pd->in = in;
	pd->id = av_xstrdup(c->id);
	pd->ndeps = collab_deps(c, pd->deps);
	pd->out = out;
	finish->fn = finish_input;
	finish->arg = pd;
	free_jobs(jobs, njobs);
	av_fo_cache_free(cache);
	/* the chart's names are measured again only by another collaboration */
	av_dg_measures_forget();
	free(logo);
	av_collab_free(in->collab);
	in->collab = NULL;
	return AV_JOB_DONE;
fail:
	free_jobs(jobs, njobs);
	av_fo_cache_free(cache);
	av_dg_measures_forget();
	free_outputs(&out);
	free(logo);
	av_collab_free(in->collab);
	in->collab = NULL;
	return AV_JOB_FAILED;
}
