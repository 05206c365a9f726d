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

/* What a run loads once per process before it forks workers: the template
 * set and, through av_fonts_init(), the fonts (av_render_prepare() loads
 * the hyphenation patterns the inputs need). */
struct av_renderer;

/* Loads the template set and fonts.  NULL after
 * recording diagnostics.  Free with av_renderer_free(). */
struct av_renderer *av_renderer_new(const struct av_render_options *o, struct av_diags *d);
void av_renderer_free(struct av_renderer *r);

/* One input of a run. */
struct av_render_input {
	char *path;                 /* owned */
	char *id;                   /* the collaboration id, once known; owned */
	struct av_collab *collab;   /* loaded when it needs rendering; owned */
	enum av_job_status pre;     /* AV_JOB_DONE: to render; else decided before */
	struct av_diags diags;      /* what loading and checking found */
	char *key;                  /* the up-to-date key of the current input; owned */
};

/* Decides, for each input, whether it is up to date (its stamp matches and
 * every output exists, unless options->force), failed (it does not load,
 * has errors, or shares its collaboration id with another input of the
 * run) or must be rendered (then it is loaded into `collab`), and loads the
 * hyphenation patterns of the languages to render.  Runs in the parent,
 * before workers fork. */
void av_render_prepare(struct av_renderer *r, struct av_render_input *in, size_t n);

/* Renders one prepared input into the output directory: every output is
 * made in memory first and written only when all of them succeeded (each
 * file atomically), then outputs of roles that no longer exist are
 * removed and the stamp is written.  Records diagnostics in `d`. */
enum av_job_status av_render_input(struct av_renderer *r, struct av_render_input *in,
    struct av_diags *d);

void av_render_input_free(struct av_render_input *in);

#endif
