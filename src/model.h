/* model.h -- the collaboration model: one C structure for the whole XML format (SPEC §3), loaded and checked. */
#ifndef AV_MODEL_H
#define AV_MODEL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "ansvar.h"
#include "diag.h"

/*
 * A collaboration is loaded once (load.c), checked (schema.c, validate.c)
 * and linted (lint.c); later stages only read it.  Everything below is
 * owned by the struct av_collab it hangs from and freed by
 * av_collab_free(): no stage frees or changes a part of it.  Strings are
 * UTF-8, NUL-terminated; text is whitespace-collapsed (runs of spaces,
 * tabs and newlines become one space, no space at either end).  Optional
 * strings are NULL when absent.  Arrays are in file order.  Every node
 * keeps the location of its element (struct av_loc; loc.file is the
 * collaboration's path).
 */

/* Limits on untrusted input (documented in ansvar(1), LIMITS). */
#define AV_MAX_INPUT_BYTES (10u * 1024 * 1024) /* file size */
#define AV_MAX_DEPTH 64              /* element nesting */
#define AV_MAX_ATTRIBUTES 32         /* attributes on one element */
#define AV_MAX_ELEMENTS 200000       /* elements in one file */
#define AV_MAX_ROLES 2000
#define AV_MAX_PARTIES 2000

enum av_lang {
	AV_LANG_SV,
	AV_LANG_NB,
	AV_LANG_NN,
	AV_LANG__COUNT
};

enum av_role_kind {
	AV_KIND_OWNER,
	AV_KIND_STEERING,
	AV_KIND_MANAGEMENT,
	AV_KIND_LEAD,
	AV_KIND_TEAM,
	AV_KIND_MEMBER,
	AV_KIND_REFERENCE,
	AV_KIND_BENEFITS,
	AV_KIND_OTHER,
	AV_KIND__COUNT
};

/* The four sections of a charter, in the order they are written. */
enum av_section {
	AV_SECTION_RESPONSIBILITIES,
	AV_SECTION_EXPECTATIONS,
	AV_SECTION_AUTHORITY,
	AV_SECTION_LATITUDE,
	AV_SECTION__COUNT
};

enum av_rel_type {
	AV_REL_REPORTS_TO,
	AV_REL_ADVISES,
	AV_REL_SUPPORTS,
	AV_REL_MEMBER_OF,
	AV_REL_ESCALATES_TO,
	AV_REL__COUNT
};

enum av_inline_kind {
	AV_INLINE_TEXT,
	AV_INLINE_EM,
	AV_INLINE_STRONG,
	AV_INLINE_ROLE_REF,
	AV_INLINE_LINK,
	AV_INLINE__COUNT
};

enum av_block_kind {
	AV_BLOCK_P,
	AV_BLOCK_ITEM,
	AV_BLOCK__COUNT
};

struct av_role;

/* Inline content of item, p, summary and revised: a list of nodes linked
 * by `next`; em, strong and link hold a list of children in `first`. */
struct av_inline {
	enum av_inline_kind kind;
	struct av_loc loc;
	char *text;                 /* TEXT: the characters */
	char *target;               /* ROLE_REF: the role id; LINK: the href */
	const struct av_role *role; /* ROLE_REF: the role, NULL when unknown */
	struct av_inline *first;    /* EM, STRONG, LINK: the children */
	struct av_inline *next;
};

struct av_block {
	enum av_block_kind kind;
	struct av_loc loc;
	struct av_inline *first;    /* may be NULL (an empty item) */
};

/* A list of blocks: purpose, governance, questions, the four sections. */
struct av_blocks {
	int present;                /* the element was written */
	struct av_loc loc;
	struct av_block *v;
	size_t n;
};

struct av_date {
	int year, month, day;       /* all 0 when the date is not valid */
};

/* <decided> or <revised>. */
struct av_event {
	char *date_text;            /* as written */
	struct av_date date;
	char *by;                   /* optional */
	struct av_inline *text;     /* revised: what changed (may be NULL) */
	struct av_loc loc;
};

struct av_history {
	int present;
	int has_decided;
	struct av_event decided;
	struct av_event *revised;
	size_t nrevised;
	struct av_loc loc;
};

struct av_party {
	char *id;
	char *name;
	char *short_name;           /* optional */
	unsigned colour;            /* 0xRRGGBB, always set: as written, else the
	                               palette's (av_palette_colour) in file order,
	                               skipping colours other parties were given */
	int colour_given;           /* written (validly) in the file */
	char *colour_written;       /* colour="" as written, NULL when absent */
	size_t index;               /* position among the parties */
	struct av_loc loc;
};

struct av_holder {
	char *party_id;
	const struct av_party *party; /* NULL when the id is unknown */
	char *title;
	char *name;                 /* the person, optional */
	struct av_loc loc;
};

struct av_relation {
	enum av_rel_type type;
	char *target_id;
	const struct av_role *target; /* NULL when the id is unknown */
	struct av_loc loc;
};

struct av_role {
	char *id;
	enum av_role_kind kind;
	int kind_given;             /* kind="" was written (else other) */
	char *name;
	struct av_inline *summary;  /* optional */
	int has_summary;
	struct av_blocks sections[AV_SECTION__COUNT];
	struct av_holder *holders;
	size_t nholders;
	struct av_relation *relations; /* in file order, all types mixed */
	size_t nrelations;
	size_t index;               /* position among the roles */
	struct av_loc loc;
	const xmlNode *node;        /* the <role> element in av_collab.doc */
};

struct av_word {
	char *text;                 /* with the author's hyphens */
	struct av_loc loc;
};

struct av_collab {
	char *path;                 /* as given to the loader; every loc's file */
	char *id;
	int version;
	enum av_lang lang;          /* "no" is read as nb */
	char *lang_written;         /* xml:lang as written */
	char *title;
	struct av_loc title_loc;
	char *subtitle;             /* optional */
	char *issuer;               /* optional */
	char *logo_src;             /* optional: as written */
	char *logo_path;            /* src resolved against the file's directory */
	struct av_loc logo_loc;
	struct av_blocks purpose;
	struct av_history history;
	struct av_party *parties;
	size_t nparties;
	struct av_role *roles;
	size_t nroles;
	struct av_blocks governance;
	struct av_blocks questions;
	struct av_word *words;      /* hyphenation exception words */
	size_t nwords;
	struct av_loc loc;

	/* The parsed document (the render stage runs its templates on it) and
	 * the input bytes with their SHA-256 in hex (for up-to-date checks). */
	xmlDoc *doc;
	char *bytes;
	size_t len;
	char sha256[65];

	/* Private to the loader: sorted indexes for the lookups, and the
	 * location of every element of `doc`. */
	struct av_role **roles_by_id;
	size_t nroles_by_id;
	struct av_party **parties_by_id;
	size_t nparties_by_id;
	void *locs;
};

/* Loads, parses and checks the collaboration in the file `path` (SPEC §3,
 * §8): the input limits, well-formedness, the schema, references, cycles,
 * ids, dates, language, logo.  Every problem is recorded in `d`.  Returns
 * NULL only when the file cannot be used at all (unreadable, not
 * well-formed, refused as unsafe, over a limit); otherwise returns the
 * model even when `d` received errors, so that more can be reported --
 * stages that produce output must first check av_diags_has_errors().  The
 * caller frees the result with av_collab_free().  Thread-safe: the schema
 * is loaded once per process. */
struct av_collab *av_collab_load(const char *path, struct av_diags *d);

/* The same for a file loaded before without errors, whose bytes had the
 * digest `sha256` (struct av_collab's): when they still do, the schema's
 * two checks (av_schema_explain(), libxml2's RELAX NG validation) are not
 * run again -- a batch's workers load each input the parent checked, and
 * those checks were half of that.  Bytes with another digest are checked
 * in full; the caller sees the new digest in the model. */
struct av_collab *av_collab_load_again(const char *path, const char *sha256, struct av_diags *d);

/* The same for `len` bytes in memory (fuzzers, tests); `name` stands for
 * the file in diagnostics and for resolving the logo.  The bytes are
 * copied. */
struct av_collab *av_collab_load_buffer(const char *name, const char *bytes,
    size_t len, struct av_diags *d);

/* Frees the model, its document and everything it owns.  NULL is fine. */
void av_collab_free(struct av_collab *c);

/* Records the guidance's warnings about the collaboration in `d` (SPEC §8,
 * lint.c): no owner, no lead, owner and lead held by one person, missing
 * sections, no escalation path, duplicate role names, unrelated roles,
 * relations of a role to itself. */
void av_lint(const struct av_collab *c, struct av_diags *d);

/* What `ansvar check` does with one file: loads it and, when it has no
 * errors, lints it.  Returns the model as av_collab_load() does (the
 * caller frees it); the diagnostics go to `d`. */
struct av_collab *av_collab_check(const char *path, struct av_diags *d);

/* A text dump of the whole model, one node per line with its line:column
 * (for tests and `ansvar dump-model`).  Caller frees. */
char *av_collab_dump(const struct av_collab *c);

/* Lookups by id; NULL when there is none.  The result belongs to `c`. */
const struct av_role *av_collab_role(const struct av_collab *c, const char *id);
const struct av_party *av_collab_party(const struct av_collab *c, const char *id);

/* Where an element of c->doc came from; NULL for a node not in the
 * document (or not an element).  The result belongs to `c`. */
const struct av_loc *av_collab_node_loc(const struct av_collab *c, const xmlNode *node);

/* The latest date of the history (the last revision, else the decision);
 * NULL when there is none.  The result belongs to `c`. */
const struct av_event *av_collab_latest(const struct av_collab *c);

/* Inline content as plain text: role references become the role's name
 * (its id when unresolved), links their text.  Caller frees. */
char *av_inline_text(const struct av_inline *first);

/* Names as written in the format: "owner", "reports-to", "sv", "latitude",
 * "em", "item".  Static strings. */
const char *av_role_kind_name(enum av_role_kind k);

/* Where a collaboration id was used by one input of a run.  id and file
 * are owned by the caller. */
struct av_id_use {
	char *id;
	char *file;
	int line, col;
	struct av_diags *d;     /* where this input's diagnostics go */
	size_t input;           /* the caller's index of the input */
	int duplicate;          /* set by av_duplicate_ids() */
};
/* Two inputs of one run with the same collaboration id would write the
 * same output files: records an error for each of them (in its own `d`),
 * naming the others, and marks them.  Sorts `uses` by id and file. */
void av_duplicate_ids(struct av_id_use *uses, size_t n);
const char *av_rel_type_name(enum av_rel_type t);
const char *av_lang_name(enum av_lang l);
const char *av_section_name(enum av_section s);

const char *av_inline_kind_name(enum av_inline_kind k);
const char *av_block_kind_name(enum av_block_kind k);

/* The enum value for a name as written; -1 when unknown.  av_lang_parse
 * reads "no" as nb. */
int av_role_kind_parse(const char *name);
int av_rel_type_parse(const char *name);
int av_lang_parse(const char *name);
int av_section_parse(const char *name);

/* Writes the colour the model gave each party without one (the default
 * palette, skipping colours other parties were given) as its colour
 * attribute in c->doc, so the templates, the diagram in the document and
 * `ansvar diagram` all show the same colours. */
void av_collab_colour_parties(struct av_collab *c);

#endif
