/* validate.c -- the checks a schema cannot make: ids, references, cycles, dates, the logo, links, words. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "load.h"
#include "util.h"

/* ---- Ids ---- */

/* An id for a misspelt one: lower case, Nordic letters spelt in ASCII,
 * spaces as hyphens.  NULL when that is no valid id either.  Caller frees. */
static char *
suggest_id(const char *id)
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{ "å", "a" }, { "Å", "a" }, { "ä", "a" }, { "Ä", "a" }, { "ö", "o" }, { "Ö", "o" },
		{ "ø", "o" }, { "Ø", "o" }, { "æ", "ae" }, { "Æ", "ae" }, { "é", "e" }, { "É", "e" },
		{ "ü", "u" }, { "Ü", "u" },
	};
	struct av_buf b = {0};
	const char *s = id;
	char *out;
	size_t i;

	while (*s) {
		for (i = 0; i < sizeof map / sizeof map[0]; i++) {
			size_t n = strlen(map[i].from);
			if (strncmp(s, map[i].from, n) == 0) {
				av_buf_adds(&b, map[i].to);
				s += n;
				break;
			}
		}
		if (i < sizeof map / sizeof map[0])
			continue;
		if (*s == ' ')
			av_buf_addc(&b, '-');
		else
			av_buf_addc(&b, g_ascii_tolower(*s));
		s++;
	}
	out = av_buf_take(&b);
	if (!av_valid_id(out) || strcmp(out, id) == 0) {
		free(out);
		return NULL;
	}
	return out;
}

static void
check_id(struct av_collab *c, struct av_diags *d, const char *what, const char *id,
    const struct av_loc *el)
{
	struct av_loc at;
	char *better;

	if (id == NULL || av_valid_id(id))
		return;
	av_load_attr_loc(c, el, "id", &at);
	better = suggest_id(id);
	av_diag(d, AV_D_BAD_ID, &at,
	    "%s id '%s' is not valid: an id is 1 to 64 of a-z, 0-9, '-' and '_', "
	    "starting with a letter or digit%s%s%s", what, id,
	    better ? "; did you mean '" : "", better ? better : "", better ? "'?" : "");
	free(better);
}

/* One role or party in an index by id. */
struct entry {
	const char *id;
	size_t index;               /* file order */
	const struct av_loc *loc;
	void *p;
};

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index < y->index ? -1 : 1);
}

/* Sorts `n` entries by id, reports each later one of the same id as a
 * duplicate and leaves the first of each id in e[0..result). */
static size_t
unique_ids(const struct av_collab *c, struct av_diags *d, const char *what,
    struct entry *e, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(e, n, sizeof *e, cmp_entry);
	for (i = 0; i < n; i++) {
		if (k > 0 && strcmp(e[k - 1].id, e[i].id) == 0) {
			struct av_loc at;
			av_load_attr_loc(c, e[i].loc, "id", &at);
			av_diag(d, AV_D_DUPLICATE_ID, &at, "duplicate %s id '%s' (first used at line %d)",
			    what, e[i].id, e[k - 1].loc->line);
			continue;
		}
		e[k++] = e[i];
	}
	return k;
}

/* Sorted indexes of roles and parties by id, duplicates reported (at the
 * later one) and left out of the index, as are invalid ids (reported
 * already, with a valid spelling to use instead). */
static void
index_ids(struct av_collab *c, struct av_diags *d)
{
	struct entry *e = av_xcalloc(c->nroles + c->nparties + 1, sizeof *e);
	size_t i, n;

	for (i = n = 0; i < c->nroles; i++)
		if (c->roles[i].id && av_valid_id(c->roles[i].id))
			e[n++] = (struct entry){ c->roles[i].id, i, &c->roles[i].loc, &c->roles[i] };
	n = unique_ids(c, d, "role", e, n);
	c->roles_by_id = av_xcalloc(n + 1, sizeof *c->roles_by_id);
	for (i = 0; i < n; i++)
		c->roles_by_id[i] = e[i].p;
	c->nroles_by_id = n;

	for (i = n = 0; i < c->nparties; i++)
		if (c->parties[i].id && av_valid_id(c->parties[i].id))
			e[n++] = (struct entry){ c->parties[i].id, i, &c->parties[i].loc, &c->parties[i] };
	n = unique_ids(c, d, "party", e, n);
	c->parties_by_id = av_xcalloc(n + 1, sizeof *c->parties_by_id);
	for (i = 0; i < n; i++)
		c->parties_by_id[i] = e[i].p;
	c->nparties_by_id = n;
	free(e);
}

/* An id that names an output file and a device on Windows, where
 * "aux.pdf" (any extension) cannot be created or opened: outputs are often
 * copied to a Windows share. */
static void
check_device_name(struct av_collab *c, struct av_diags *d, const char *what, const char *id,
    const struct av_loc *el)
{
	static const char *const devices[] = { "con", "prn", "aux", "nul", NULL };
	const char *const *dev;
	struct av_loc at;
	int hit = 0;

	if (id == NULL)
		return;
	for (dev = devices; *dev; dev++)
		hit |= strcmp(id, *dev) == 0;
	hit |= (strncmp(id, "com", 3) == 0 || strncmp(id, "lpt", 3) == 0) &&
	    id[3] >= '1' && id[3] <= '9' && id[4] == '\0';
	if (!hit)
		return;
	av_load_attr_loc(c, el, "id", &at);
	av_diag(d, AV_D_DEVICE_NAME, &at,
	    "%s id '%s' is the name of a device on Windows: the output %s.pdf cannot be "
	    "created or opened there; choose another id", what, id, id);
}

static void
check_ids(struct av_collab *c, struct av_diags *d)
{
	size_t i;

	check_id(c, d, "collaboration", c->id, &c->loc);
	check_device_name(c, d, "collaboration", c->id, &c->loc);
	for (i = 0; i < c->nparties; i++)
		check_id(c, d, "party", c->parties[i].id, &c->parties[i].loc);
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		check_id(c, d, "role", r->id, &r->loc);
		check_device_name(c, d, "role", r->id, &r->loc);
		if (r->id && strcmp(r->id, "organisation") == 0) {
			struct av_loc at;
			av_load_attr_loc(c, &r->loc, "id", &at);
			av_diag(d, AV_D_RESERVED_ID, &at,
			    "role id 'organisation' is reserved: the diagram is written as "
			    "organisation.pdf beside the handouts; choose another id");
		}
	}
	index_ids(c, d);
}

/* ---- References ---- */

static char **
role_ids(const struct av_collab *c)
{
	char **v = av_xcalloc(c->nroles_by_id + 1, sizeof *v);
	size_t i;
	for (i = 0; i < c->nroles_by_id; i++)
		v[i] = c->roles_by_id[i]->id;
	return v;
}

static char **
party_ids(const struct av_collab *c)
{
	char **v = av_xcalloc(c->nparties_by_id + 1, sizeof *v);
	size_t i;
	for (i = 0; i < c->nparties_by_id; i++)
		v[i] = c->parties_by_id[i]->id;
	return v;
}

/* Each "did you mean" is a pass over every id: a file full of unknown
 * references gets suggestions for the first ones only. */
#define MAX_SEARCHES 100

struct refs {
	struct av_collab *c;
	struct av_diags *d;
	char **roles;
	size_t nsearched;
};

/* An unknown id in attribute `attr` of `element`; `cands` are the ids it
 * may be a misspelling of, `defined` how many of its kind the file has. */
static void
unknown_ref(struct refs *r, const struct av_loc *el, const char *element, const char *attr,
    const char *what, const char *id, char **cands, size_t n, size_t defined)
{
	const struct av_collab *c = r->c;
	struct av_diags *d = r->d;
	const char *near = NULL;
	struct av_loc at;

	if (r->nsearched++ < MAX_SEARCHES)
		near = av_closest(id, (const char *const *)cands, n);

	av_load_attr_loc(c, el, attr, &at);
	if (near)
		av_diag(d, AV_D_UNKNOWN_REF, &at, "<%s> refers to unknown %s '%s'; did you mean '%s'?",
		    element, what, id, near);
	else if (defined == 0)
		av_diag(d, AV_D_UNKNOWN_REF, &at,
		    "<%s> refers to unknown %s '%s' (the file defines no %s)", element, what, id, what);
	else
		av_diag(d, AV_D_UNKNOWN_REF, &at, "<%s> refers to unknown %s '%s'", element, what, id);
}

/* https://, http:// or mailto: followed by something, without spaces. */
static int
web_address(const char *href)
{
	static const char *const schemes[] = { "https://", "http://", "mailto:" };
	size_t i, n;

	if (strcspn(href, " \t\r\n") != strlen(href))
		return 0;
	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		n = strlen(schemes[i]);
		if (strncmp(href, schemes[i], n) == 0 && href[n] != '\0')
			return 1;
	}
	return 0;
}

/* Resolves role references and checks link targets in inline content. */
static void
check_inlines(struct refs *r, struct av_inline *in)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case AV_INLINE_TEXT:
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			break;
		case AV_INLINE_ROLE_REF:
			if (in->target && (in->role = av_collab_role(r->c, in->target)) == NULL)
				unknown_ref(r, &in->loc, "role-ref", "role", "role", in->target,
				    r->roles, r->c->nroles_by_id, r->c->nroles);
			break;
		case AV_INLINE_LINK:
			if (in->target && !web_address(in->target)) {
				struct av_loc at;
				av_load_attr_loc(r->c, &in->loc, "href", &at);
				av_diag(r->d, AV_D_BAD_VALUE, &at,
				    "<link> href '%s' is not a web or e-mail address "
				    "(https://..., http://... or mailto:...)", in->target);
			}
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
		check_inlines(r, in->first);
	}
}

static void
check_blocks(struct refs *r, struct av_blocks *b)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		check_inlines(r, b->v[i].first);
}

static void
check_refs(struct av_collab *c, struct av_diags *d)
{
	struct refs r = { c, d, role_ids(c), 0 };
	char **parties = party_ids(c);
	size_t i, j, k;

	check_blocks(&r, &c->purpose);
	check_blocks(&r, &c->governance);
	check_blocks(&r, &c->questions);
	for (i = 0; i < c->history.nrevised; i++)
		check_inlines(&r, c->history.revised[i].text);
	for (i = 0; i < c->nroles; i++) {
		struct av_role *role = &c->roles[i];
		check_inlines(&r, role->summary);
		for (k = 0; k < AV_SECTION__COUNT; k++)
			check_blocks(&r, &role->sections[k]);
		for (j = 0; j < role->nholders; j++) {
			struct av_holder *h = &role->holders[j];
			if (h->party_id && (h->party = av_collab_party(c, h->party_id)) == NULL)
				unknown_ref(&r, &h->loc, "holder", "party", "party", h->party_id,
				    parties, c->nparties_by_id, c->nparties);
		}
		for (j = 0; j < role->nrelations; j++) {
			struct av_relation *rl = &role->relations[j];
			if (rl->target_id && (rl->target = av_collab_role(c, rl->target_id)) == NULL)
				unknown_ref(&r, &rl->loc, av_rel_type_name(rl->type), "role", "role",
				    rl->target_id, r.roles, c->nroles_by_id, c->nroles);
		}
	}
	free(r.roles);
	free(parties);
}

/* ---- Cycles through reports-to and member-of ---- */

struct cycles {
	struct av_collab *c;
	struct av_diags *d;
	unsigned char *state;       /* 0 unvisited, 1 on the path, 2 done */
	const struct av_relation **path; /* the edges taken to reach each role on the path */
	size_t *on;                 /* the roles on the path */
	size_t depth;
};

static int
hierarchical(const struct av_relation *rl)
{
	return (rl->type == AV_REL_REPORTS_TO || rl->type == AV_REL_MEMBER_OF) && rl->target;
}

static const char *
verb(enum av_rel_type t)
{
	return t == AV_REL_REPORTS_TO ? "reports to" : "is a member of";
}

/* Steps of a cycle named in its message; a longer cycle names its first
 * ones and its last, and counts the rest, so the message stays readable. */
#define CYCLE_STEPS_SHOWN 8

/* The relation `back` leads to a role on the path: name every role of
 * the cycle in order, starting where it enters the path. */
static void
report_cycle(struct cycles *y, const struct av_relation *back, size_t from)
{
	struct av_buf b = {0};
	size_t target = back->target->index, i, start = y->depth, steps;

	for (i = 0; i < y->depth; i++)
		if (y->on[i] == target) {
			start = i;
			break;
		}
	if (start == y->depth - 1) {
		av_diag(y->d, AV_D_CYCLE, &back->loc, "role '%s' %s itself",
		    y->c->roles[from].id, verb(back->type));
		return;
	}
	steps = y->depth - start;
	for (i = start; i + 1 < y->depth; i++) {
		if (steps > CYCLE_STEPS_SHOWN && i - start == CYCLE_STEPS_SHOWN - 1) {
			av_buf_printf(&b, "%zu more, ", steps - CYCLE_STEPS_SHOWN);
			break;
		}
		av_buf_printf(&b, "'%s' %s '%s', ", y->c->roles[y->on[i]].id,
		    verb(y->path[i + 1]->type), y->c->roles[y->on[i + 1]].id);
	}
	av_buf_printf(&b, "'%s' %s '%s'", y->c->roles[from].id, verb(back->type),
	    back->target->id);
	if (steps > CYCLE_STEPS_SHOWN)
		av_diag(y->d, AV_D_CYCLE, &back->loc,
		    "reports-to and member-of form a cycle through %zu roles: %s", steps, b.data);
	else
		av_diag(y->d, AV_D_CYCLE, &back->loc,
		    "reports-to and member-of form a cycle: %s", b.data);
	av_buf_free(&b);
}

static void
visit(struct cycles *y, size_t i, const struct av_relation *via)
{
	const struct av_role *r = &y->c->roles[i];
	size_t j;

	y->state[i] = 1;
	y->on[y->depth] = i;
	y->path[y->depth] = via;
	y->depth++;
	for (j = 0; j < r->nrelations; j++) {
		const struct av_relation *rl = &r->relations[j];
		size_t t;
		if (!hierarchical(rl))
			continue;
		t = rl->target->index;
		if (y->state[t] == 1)
			report_cycle(y, rl, i);
		else if (y->state[t] == 0)
			visit(y, t, rl);
	}
	y->depth--;
	y->state[i] = 2;
}

static void
check_cycles(struct av_collab *c, struct av_diags *d)
{
	struct cycles y = { c, d, NULL, NULL, NULL, 0 };
	size_t i;

	y.state = av_xcalloc(c->nroles + 1, 1);
	y.path = av_xcalloc(c->nroles + 1, sizeof *y.path);
	y.on = av_xcalloc(c->nroles + 1, sizeof *y.on);
	for (i = 0; i < c->nroles; i++)
		if (y.state[i] == 0)
			visit(&y, i, NULL);
	free(y.state);
	free(y.path);
	free(y.on);
}

/* ---- Dates ---- */

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"
};

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static int
cmp_date(struct av_date a, struct av_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

static int
digits(const char *s, int n)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parses ev->date_text into ev->date, reporting what is wrong with it. */
static void
check_date(const struct av_collab *c, struct av_diags *d, const char *element, struct av_event *ev)
{
	const char *s = ev->date_text;
	struct av_loc at;
	int y, m, day;

	if (s == NULL)
		return;
	av_load_attr_loc(c, &ev->loc, "date", &at);
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || (y = digits(s, 4)) < 0 ||
	    (m = digits(s + 5, 2)) < 0 || (day = digits(s + 8, 2)) < 0) {
		av_diag(d, AV_D_BAD_DATE, &at, "<%s> date '%s' is not written YYYY-MM-DD",
		    element, s);
		return;
	}
	if (y < 1000) {
		av_diag(d, AV_D_BAD_DATE, &at, "<%s> date '%s': the year is out of range (1000-9999)",
		    element, s);
		return;
	}
	if (m < 1 || m > 12) {
		av_diag(d, AV_D_BAD_DATE, &at, "<%s> date '%s' is not a date: there is no month %d",
		    element, s, m);
		return;
	}
	if (day < 1 || day > days_in_month(y, m)) {
		av_diag(d, AV_D_BAD_DATE, &at,
		    "<%s> date '%s' is not a date: %s %d has %d days", element, s,
		    month_names[m - 1], y, days_in_month(y, m));
		return;
	}
	ev->date.year = y;
	ev->date.month = m;
	ev->date.day = day;
}

static int
date_valid(const struct av_event *ev)
{
	return ev->date.year != 0;
}

static void
check_history(struct av_collab *c, struct av_diags *d)
{
	struct av_history *h = &c->history;
	size_t i;

	if (h->has_decided)
		check_date(c, d, "decided", &h->decided);
	for (i = 0; i < h->nrevised; i++) {
		struct av_event *ev = &h->revised[i];
		struct av_loc at;

		check_date(c, d, "revised", ev);
		if (!date_valid(ev))
			continue;
		av_load_attr_loc(c, &ev->loc, "date", &at);
		if (i == 0 && h->has_decided && date_valid(&h->decided) &&
		    cmp_date(ev->date, h->decided.date) <= 0)
			av_diag(d, AV_D_DATE_ORDER, &at,
			    "revision dated %s is not after the decision (%s)",
			    ev->date_text, h->decided.date_text);
		else if (i > 0 && date_valid(&h->revised[i - 1]) &&
		    cmp_date(ev->date, h->revised[i - 1].date) < 0)
			av_diag(d, AV_D_DATE_ORDER, &at,
			    "revision dated %s comes before the previous one (%s): "
			    "list revisions in date order", ev->date_text, h->revised[i - 1].date_text);
	}
}

/* ---- The logo ---- */

static void
check_logo(struct av_collab *c, struct av_diags *d)
{
	const char *src = c->logo_src;
	struct av_loc at;
	size_t scheme;
	char *dir;
	unsigned w, h;

	if (src == NULL)
		return;
	av_load_attr_loc(c, &c->logo_loc, "src", &at);
	scheme = strspn(src, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	if (scheme > 0 && src[scheme] == ':') {
		av_diag(d, AV_D_BAD_LOGO, &at,
		    "logo '%s' is not a file path: ansvar fetches nothing; save the PNG beside "
		    "the collaboration file and give its relative path", src);
		return;
	}
	if (src[0] == '/' || src[0] == '\\' || src[0] == '~') {
		av_diag(d, AV_D_BAD_LOGO, &at,
		    "logo '%s' is an absolute path: give a path relative to the collaboration "
		    "file, so the two travel together", src);
		return;
	}
	dir = av_dirname(c->path);
	c->logo_path = av_path_join(dir, src);
	free(dir);
	switch (av_png_probe(c->logo_path, &w, &h)) {
	case AV_PNG_OK:
		if ((double)w * h > AV_MAX_IMAGE_PIXELS)
			av_diag(d, AV_D_LIMIT, &at, "logo '%s' is %u x %u pixels: over ansvar's limit of "
			    "%.0f million pixels", src, w, h, AV_MAX_IMAGE_PIXELS / 1e6);
		break;
	case AV_PNG_UNREADABLE:
		av_diag(d, AV_D_BAD_LOGO, &at, "logo '%s' cannot be read (looked for %s): %s", src,
		    c->logo_path, strerror(errno));
		break;
	case AV_PNG_NOT_FILE:
		av_diag(d, AV_D_BAD_LOGO, &at, "logo '%s' is not a regular file (looked for %s)", src,
		    c->logo_path);
		break;
	case AV_PNG_NOT_PNG:
		av_diag(d, AV_D_BAD_LOGO, &at, "logo '%s' is not a PNG image", src);
		break;
	default:
		assert(!"unknown av_png_probe result");
	}
}

/* ---- Values ---- */

static void
check_values(struct av_collab *c, struct av_diags *d)
{
	size_t i, j;
	struct av_loc at;

	if (c->title && c->title[0] == '\0')
		av_diag(d, AV_D_BAD_VALUE, &c->title_loc, "<title> is empty");
	for (i = 0; i < c->nparties; i++) {
		struct av_party *p = &c->parties[i];
		if (p->name && p->name[0] == '\0') {
			av_load_attr_loc(c, &p->loc, "name", &at);
			av_diag(d, AV_D_BAD_VALUE, &at, "party '%s' has an empty name",
			    p->id ? p->id : "");
		}
		if (p->colour_written && !p->colour_given) {
			av_load_attr_loc(c, &p->loc, "colour", &at);
			av_diag(d, AV_D_BAD_VALUE, &at,
			    "colour '%s' of party '%s' is not written #rrggbb (such as #0072b2)",
			    p->colour_written, p->id ? p->id : "");
		}
	}
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		if (r->name && r->name[0] == '\0')
			av_diag(d, AV_D_BAD_VALUE, &r->loc, "role '%s' has an empty <name>",
			    r->id ? r->id : "");
		for (j = 0; j < r->nholders; j++)
			if (r->holders[j].title && r->holders[j].title[0] == '\0') {
				av_load_attr_loc(c, &r->holders[j].loc, "title", &at);
				av_diag(d, AV_D_BAD_VALUE, &at, "<holder> has an empty title");
			}
	}
	for (i = 0; i < c->nwords; i++) {
		const char *w = c->words[i].text;
		size_t n = strlen(w);
		if (n == 0 || w[0] == '-' || w[n - 1] == '-' || strstr(w, "--") || strchr(w, ' '))
			av_diag(d, AV_D_BAD_VALUE, &c->words[i].loc,
			    "hyphenation word '%s' is not one word with hyphens between its parts "
			    "(such as styr-grupps-möte)", w);
	}
}

void
av_validate(struct av_collab *c, struct av_diags *d)
{
	check_ids(c, d);
	check_refs(c, d);
	check_cycles(c, d);
	check_history(c, d);
	check_logo(c, d);
	check_values(c, d);
}
