/* changes.h -- what changed between two versions of a collaboration, marked in the new one for `render --changes-since`. */
#ifndef AV_CHANGES_H
#define AV_CHANGES_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "stamp.h"

/*
 * The comparison (changes.c).  Roles are matched by id.  Items and
 * paragraphs are matched within one list -- a role's section, or the
 * purpose, governance or questions -- first by identical content, then by
 * the similarity of their words (av_changes_similarity()): an item whose
 * wording changed is "changed", not removed and added.  An item moved to
 * another section is removed from one and added to the other.  A role's
 * kind is not compared: it shows only in the shape of its diagram box.
 */

enum av_change {
	AV_CHANGE_SAME,
	AV_CHANGE_ADDED,
	AV_CHANGE_CHANGED,
	AV_CHANGE_REMOVED,
	AV_CHANGE__COUNT
};

/* One item or paragraph and what became of it.  A pair of blocks is
 * "changed" when their content differs (text, markup, link targets,
 * role references) but their words are similar enough. */
struct av_block_change {
	enum av_change change;
	const struct av_block *old;     /* NULL when added */
	const struct av_block *new;     /* NULL when removed */
	size_t old_index, new_index;    /* positions in their lists; (size_t)-1 when absent */
	double similarity;              /* SAME 1; CHANGED the pair's; else 0 */
};

/* One list of blocks compared: the new version's blocks in their order,
 * then the removed ones in the old version's order. */
struct av_blocks_diff {
	struct av_block_change *v;
	size_t n;
	size_t count[AV_CHANGE__COUNT];
};

/* The parts of a role that can change. */
enum {
	AV_PART_NAME = 1 << 0,
	AV_PART_SUMMARY = 1 << 1,
	AV_PART_SECTIONS = 1 << 2,      /* an item or paragraph of any section */
	AV_PART_HOLDERS = 1 << 3,       /* party, title or name, in any order */
	AV_PART_RELATIONS = 1 << 4      /* its relations, its own and other roles' to
	                                   it (as its charter lists them), in any order */
};

struct av_role_change {
	enum av_change change;
	const struct av_role *old;      /* NULL when added */
	const struct av_role *new;      /* NULL when removed */
	unsigned parts;                 /* CHANGED: the AV_PART_* that differ */
	struct av_blocks_diff sections[AV_SECTION__COUNT]; /* SAME, CHANGED */
};

/* The title page's texts, compared as loaded (white space collapsed). */
enum av_front {
	AV_FRONT_TITLE,
	AV_FRONT_SUBTITLE,
	AV_FRONT_ISSUER,
	AV_FRONT__COUNT
};

/* The whole comparison.  It borrows both models: free it before them. */
struct av_changes {
	const struct av_collab *old, *new;
	enum av_change front[AV_FRONT__COUNT]; /* SAME, or ADDED, CHANGED,
	                                          REMOVED (a text absent or
	                                          empty in one version) */
	struct av_role_change *roles;   /* the new version's roles in order,
	                                   then the removed ones in old order */
	size_t nroles;
	size_t count[AV_CHANGE__COUNT]; /* roles by change */
	struct av_blocks_diff purpose, governance, questions;
};

/* Compares two loaded collaborations (normally two versions of one).
 * Neither may have errors.  Free with av_changes_free(). */
struct av_changes *av_changes_diff(const struct av_collab *old, const struct av_collab *new);
void av_changes_free(struct av_changes *ch);

/* Whether anything at all changed. */
int av_changes_any(const struct av_changes *ch);

/* "added", "changed", "removed" (and "same"), as dumps and marks say. */
const char *av_change_name(enum av_change c);

/* "title", "subtitle", "issuer": the element of the text. */
const char *av_front_name(enum av_front f);

/* A text dump of the comparison, one line per role and block with its
 * line:column in either file (for tests).  Caller frees. */
char *av_changes_dump(const struct av_changes *ch);

/* How alike two texts are, from 0 (nothing in common) to 1 (the same
 * words): 2 * (words of the longest common subsequence) / (words of
 * both).  Words are split and case-folded by GLib
 * (g_str_tokenize_and_fold); two words count as the same when they are
 * equal or differ only in an ending of at most two letters after a
 * common part of four or more ("projekt", "projektet"), as Nordic
 * inflection does.  Two blocks are paired as changed from
 * AV_CHANGES_THRESHOLD on. */
double av_changes_similarity(const char *a, const char *b);
#define AV_CHANGES_THRESHOLD 0.5

/*
 * Marking (changes_mark.c).  Writes the comparison into the new
 * version's document, for the templates, in the namespace
 * AV_CHANGES_NS (prefix "ch"):
 *
 *   - on each added or changed role, item and paragraph:
 *     ch:status="added" or "changed", and ch:id, a name unique in the
 *     document (the templates' change-bar-class);
 *   - on a changed role, ch:name, ch:summary, ch:holders, ch:relations
 *     ="changed" for the parts that differ;
 *   - as the collaboration's last child, <ch:changes since="YYYY-MM-DD">
 *     (the old version's latest history date; absent when it has none)
 *     holding <ch:role id change="added|changed|removed" name> for each
 *     role that is not the same (name: the old name, of a removed or
 *     renamed role), <ch:front title subtitle issuer="added|changed|
 *     removed"> (an attribute per title page text that is not the same)
 *     when any differs, and <ch:part id="purpose|governance|questions"> for
 *     each of those that changed; roles and parts hold a <ch:removed in kind> per
 *     removed item or paragraph (in: its section; kind: item or p) with
 *     its inline content (a reference to a role that is gone becomes its
 *     old name).
 */
#define AV_CHANGES_NS "urn:ansvar:changes"

/* Marks ch->new's document.  `c` must be ch->new (the model is not
 * changed, only c->doc). */
void av_changes_mark(const struct av_changes *ch, struct av_collab *c);

/*
 * Old versions (changes_old.c): what --changes-since names, a
 * collaboration file or a directory of them (recursively, as INPUTs are
 * expanded), indexed by collaboration id.  Opening reads only each file's
 * root element; the old version of a collaboration is loaded in full when
 * it is rendered.
 */
struct av_old_versions;

/* Opens `path`.  NULL, after recording an error in `d`, when it cannot be
 * read; files that are not collaborations, or that share their id with
 * another file there, are warnings in `d`.  Free with
 * av_old_versions_free(). */
struct av_old_versions *av_old_versions_open(const char *path, struct av_diags *d);
void av_old_versions_free(struct av_old_versions *o);

/* The old version of collaboration `id`: its path, or NULL when there is
 * none or more than one.  Owned by `o`. */
const char *av_old_versions_find(const struct av_old_versions *o, const char *id);

/* Adds to an up-to-date key what the outputs of collaboration `id` depend
 * on: the old version's bytes (or that there is none). */
void av_old_versions_key(const struct av_old_versions *o, const char *id, struct av_key *k);

/* What `render --changes-since` does to a collaboration about to be
 * rendered: loads its old version, compares and marks c->doc.  A missing,
 * ambiguous or unusable old version is a `changes` warning in `d` (at c's
 * collaboration element), and c is rendered without marks.  Returns -1
 * when the old version did not load (what it lacks, its logo say, is
 * outside the up-to-date key), else 0. */
int av_old_versions_apply(const struct av_old_versions *o, struct av_collab *c,
    struct av_diags *d);

#endif
