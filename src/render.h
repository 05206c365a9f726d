/* render.h -- one collaboration to its outputs: the complete document, a handout per role, the diagram. */
#ifndef AV_RENDER_H
#define AV_RENDER_H

#include <stddef.h>

#include "batch.h"
#include "diag.h"
#include "model.h"

/* What `ansvar render` was asked for.  Strings are borrowed. */
struct av_render_options {
	const char *outdir;         /* DIR (default "out") */
	const char *lang;           /* -l: "sv", "nb", "nn" or NULL for the file's */
	const char *templates;      /* -t: a template set directory or NULL for the default */
	const char *appendix;       /* --appendix LABEL or NULL */
	const char *changes_since;  /* --changes-since OLD (file or directory) or NULL */
	int emit_fo;                /* --emit-fo: write the FO beside each PDF */
	int force;                  /* -f: render even when up to date */
};

/* What a run knows and loads once per process before it forks workers:
 * the template set's fingerprint from the start; the compiled template
 * set, the fonts (av_fonts_init()) and the hyphenation patterns of the
 * languages to render only once av_render_prepare() finds something to
 * render, so that a run where everything is up to date loads none of
 * them. */
struct av_renderer;

/* Reads the template set's files for its fingerprint (without compiling
 * it).  NULL after recording diagnostics (the set cannot be opened or
 * read).  Free with av_renderer_free(). */
struct av_renderer *av_renderer_new(const struct av_render_options *o, struct av_diags *d);
void av_renderer_free(struct av_renderer *r);

/* One input of a run. */
struct av_render_input {
	char *path;                 /* owned */
	char *id;                   /* the collaboration id, once known; owned */
	enum av_lang lang;          /* its language, when it is to be rendered */
	char sha256[65];            /* the bytes checked, when it is to be rendered */
	struct av_collab *collab;   /* loaded while av_render_input() runs; owned */
	enum av_job_status pre;     /* AV_JOB_DONE: to render; else decided before */
	struct av_diags diags;      /* what loading and checking found */
	char *key;                  /* the up-to-date key of the current input; owned */
};

/* Decides, for each input, whether it is up to date (its stamp matches and
 * every output exists, unless options->force), failed (it does not load,
 * has errors, or shares its collaboration id with another input of the
 * run) or must be rendered.  Only when some input must be rendered does
 * it compile the template set and load the fonts (before checking the
 * inputs, so a broken set is reported at once) and, after checking, the
 * hyphenation patterns of the languages to render.  Checked inputs are
 * not kept in memory: av_render_input() loads each again.  Then removes
 * what killed runs left (temporary files beside the stamps and in the
 * directories of this run's collaborations, up to date or not).  Runs in the
 * parent, before workers fork.  Returns -1 after recording diagnostics in
 * `d` when the template set or the fonts do not load: then nothing may be
 * rendered (nor written). */
int av_render_prepare(struct av_renderer *r, struct av_render_input *in, size_t n,
    struct av_diags *d);

/* Renders one prepared input: loads it again (failing when its bytes
 * are not those checked) and makes every output in memory.  Returns
 * AV_JOB_FAILED after recording diagnostics in `d` (nothing written), the
 * status decided by av_render_prepare() for an input not to render, or
 * AV_JOB_DONE after setting `finish` to what writes the outputs (a job of
 * av_batch_run(), which may run it in another thread): each file
 * atomically, once all of them were made; then the outputs of roles that
 * no longer exist are removed and the stamp is written.  `in` must live
 * until finish->fn has run. */
enum av_job_status av_render_input(struct av_renderer *r, struct av_render_input *in,
    struct av_diags *d, struct av_job_finish *finish);

void av_render_input_free(struct av_render_input *in);

#endif
