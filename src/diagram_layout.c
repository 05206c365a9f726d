/* diagram_layout.c -- the org-chart layout: box sizes from text, a tidy tree with staff slots and stacked leaves, connectors, legend, fit. */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "diagram_priv.h"
#include "diagram_route.h"
#include "fonts.h"

/*
 * The stages of av_dg_layout():
 *
 *   measure    each box's size from its text (pango with the shipped
 *              fonts): the role name broken into one to three lines by
 *              our own choice among its break points, hyphenated only
 *              where a word does not fit otherwise; holders; party tag;
 *   structure  each role's place: under its first reports-to/member-of
 *              parent, beside the role it advises or supports (staff), or
 *              at the top; which children may stack or hang in columns;
 *   choose     arrangements tried (measures, stacking, columns, legend
 *              placement, the area turned), each a tidy tree (Buchheim,
 *              Juenger and Leipert's Walker) over boxes and columns; the
 *              one that fits the area at the largest scale wins, then is
 *              refined group by group;
 *   build      boxes with their text lines, the hierarchy's and staff
 *              connectors, the other relations routed around the boxes
 *              (diagram_route.c), the legend, the scale.
 *
 * Design units are points at scale 1.  The sizes below make a calm chart
 * at print size; the whole drawing is scaled to its area at the end.
 */
#define LABEL_SIZE 10.0         /* role name */
#define HOLDERS_SIZE 8.5        /* holders' names */
#define TAG_SIZE 8.5            /* party short name in the colour band */
#define LEGEND_SIZE 8.5         /* party name in the legend */
#define LABEL_SPACING 0.92      /* line spacing of wrapped role names */
#define LABEL_FRAGMENT 4        /* letters at least on each side of a hyphen */

#define PAD_X 6.0               /* text to the box's sides */
#define PAD_Y 3.0               /* text to the band / the box's bottom */
#define HOLDERS_GAP 1.0         /* role name to holders */
#define TAG_PAD 4.0             /* short name to the swatch's sides */
#define BAND 1.3                /* band height, in TAG_SIZE: capitals centred in it */
#define BOX_MIN_W 84.0
#define BOX_MAX_W 152.0
#define MAX_INNER (BOX_MAX_W - 2 * PAD_X)
#define COMPACT_MIN_W 72.0      /* the compact measure, for crowded charts */
#define COMPACT_MAX_INNER 92.0
#define MAX_HOLDER_LINES 2
#define MAX_LABEL_LINES 3       /* break_label() places up to two breaks; pango, where none fits, any number */

#define HGAP_SIBLING 10.0       /* between boxes of one parent */
#define HGAP_SUBTREE 16.0       /* between neighbouring subtrees */
#define VGAP 20.0               /* between rows (the bus runs in the middle) */
#define EMPTY_ROW 40.0          /* height of a level only stacked columns reach */
#define STAFF_GAP 14.0          /* a role to its staff boxes */
#define STACK_INDENT 12.0       /* parent's left side to a stacked column's spine */
#define STACK_STUB 9.0          /* spine to the stacked boxes */
#define STACK_GAP 6.0           /* between stacked boxes */
#define COLUMN_CLEAR 6.0        /* below a column before the next row's bus */
#define LEGEND_GAP 20.0         /* chart to legend */
#define LEGEND_ITEM_GAP 16.0
#define LEGEND_ROW_GAP 5.0
#define LEGEND_CLEAR 12.0       /* around the legend in a corner of the chart */
#define EDGE_PAD 2.0            /* around the whole drawing, for line widths */

#define MIN_LEGIBLE 6.0         /* pt: SPEC §7 */
#define SMALLEST_TEXT HOLDERS_SIZE      /* = TAG_SIZE, the smallest design size */
#define LEGIBLE_SCALE (MIN_LEGIBLE / SMALLEST_TEXT)
#define COMPACT_GAIN 1.4        /* the most the compact measure gains, roughly */

/* ---- Measuring text ------------------------------------------------- */

struct meas {
	double w, h;            /* natural box size */
	double inner;           /* width available to text */
	double label_w, label_h, holders_w, holders_h;
	PangoLayout *label, *holders;   /* owned references */
	char *text;             /* the name as broken: blanks normalised, soft hyphens */
	int label_lines;
	double fit_w[MAX_LABEL_LINES + 1];      /* the narrowest the name gets in k lines, k >= 1 */
	double line_step;       /* height each further line adds */
};

struct tag {
	PangoLayout *layout;
	double w, h;            /* of the text */
	double band;            /* band height */
	double top;             /* the text's top below the band's */
};

struct ctx {
	const struct av_dg_graph *g;
	struct av_diags *d;
	PangoContext *pc;
	PangoFontDescription *f_label, *f_holders, *f_tag, *f_legend;
	const struct av_hyph *hyph;     /* the patterns for the names that need them */
	struct av_hyph *own_hyph;       /* ... when loaded here (owned) */
	int hyph_warned;
	double hyphen_w;
	double line_h;          /* of one line of a role name */
	double cap_h;           /* capital height of the band's font */
	struct meas *m;         /* the measure in use: mm[0] or mm[1] */

	struct meas *mm[2];     /* normal and compact boxes */
	struct tag *tags;
	PangoLayout **legend_names;

	/* Structure. */
	size_t n;
	size_t *parent;         /* hierarchy parent node, or NONE */
	size_t *served;         /* staff: the node served, else NONE */
	int *side;              /* staff: -1 left, +1 right */
	size_t *kid_off, *kids; /* hierarchy children per node (CSR, node order) */
	size_t *staff_off, *staff;      /* staff per node (CSR, node order) */
	size_t *group;          /* stackable leaf group size per parent node, else 0 */
	unsigned char *hang_ok; /* per node: its children may hang in a column, each with
	                         * its own leaves (all below are leaves, no staff) */
	size_t *roots;
	size_t nroots;
	unsigned char *edge_state;      /* per edge: EDGE_* */
};

enum {
	EDGE_ROUTE = 0,         /* to be routed */
	EDGE_TREE,              /* the hierarchy parent edge */
	EDGE_STAFF,             /* a staff slot's edge */
	EDGE_OMIT               /* not drawn */
};

static double
pu(int v)
{
	return (double)v / PANGO_SCALE;
}

static PangoFontDescription *
font(const char *family, PangoWeight weight, double size)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, weight);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	return fd;
}

static PangoLayout *
new_layout(const struct ctx *c, const PangoFontDescription *fd, const char *text)
{
	PangoLayout *l = pango_layout_new(c->pc);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_width(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return pu(r.width);
}

static double
layout_height(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return pu(r.height);
}

/* The widest line of a layout, without trailing blanks. */
static double
widest_line(PangoLayout *l)
{
	const char *text = pango_layout_get_text(l);
	int i, n = pango_layout_get_line_count(l);
	double w = 0;

	for (i = 0; i < n; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
		int end = line->start_index + line->length, x;
		while (end > line->start_index && (text[end - 1] == ' ' || text[end - 1] == '\n'))
			end--;
		pango_layout_line_index_to_x(line, end, FALSE, &x);
		if (pu(x) > w)
			w = pu(x);
	}
	return w;
}

#define SOFT_HYPHEN 0xad

/* Collapses runs of blanks into one space and drops them at both ends. */
static char *
normalize_space(const char *s)
{
	struct av_buf b = {0};
	int space = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			av_buf_addc(&b, ' ');
		space = 0;
		av_buf_addc(&b, *s);
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

/* The language's patterns for the names that need them: the whole set
 * when the process has it already (a render), else only those that can
 * act on their words (av_hyph_load_for()), which loads in a fraction of
 * the time the whole file takes -- longer than a small chart takes to lay
 * out.  Both break those words alike.  NULL before they are loaded or
 * when there are none. */
static const struct av_hyph *
patterns(struct ctx *c)
{
	return c->hyph;
}

static char *label_text(struct ctx *c, const char *label, int hyphenate);

/* Loads the patterns for the words of the given nodes' names (those
 * without the author's breaks). */
static void
load_patterns(struct ctx *c, const unsigned char *need)
{
	struct av_buf all = {0};
	const char **words = NULL;
	size_t nwords = 0, cap = 0, i;
	char *p;

	for (i = 0; i < c->n; i++) {
		char *t;
		if (!need[i])
			continue;
		t = label_text(c, c->g->nodes[i].label, 0);
		av_buf_adds(&all, t);
		av_buf_addc(&all, ' ');
		free(t);
	}
	if (all.data == NULL)
		return;
	/* Split into runs of letters, in place. */
	for (p = all.data; *p;) {
		char *s = p;
		int soft = 0;
		while (*p && (g_unichar_isalpha(g_utf8_get_char(p)) || g_utf8_get_char(p) == SOFT_HYPHEN)) {
			soft |= g_utf8_get_char(p) == SOFT_HYPHEN;
			p = g_utf8_next_char(p);
		}
		if (p > s && !soft) {
			words = av_xgrow(words, &cap, nwords + 1, sizeof *words);
			words[nwords++] = s;
		}
		if (*p == '\0')
			break;
		if (p == s)
			p = g_utf8_next_char(p);
		else
			*p++ = '\0';       /* ends the word (the separator is not a letter) */
	}
	av_hyph_free(c->own_hyph);
	c->own_hyph = NULL;
	if ((c->hyph = av_hyph_loaded(c->g->lang)) == NULL)
		c->hyph = c->own_hyph = av_hyph_load_for(c->g->lang, words, nwords, c->hyph_warned ? NULL : c->d);
	c->hyph_warned = 1;
	free(words);
	av_buf_free(&all);
}

/* The label with blanks normalised and soft hyphens where its words may
 * break: the author's exception words, and with `hyphenate` the
 * language's patterns for the other words. */
static char *
label_text(struct ctx *c, const char *label, int hyphenate)
{
	char *norm = normalize_space(label), *t;
	struct av_buf out = {0};
	const char *p;

	t = c->g->words ? av_hyph_words_apply(c->g->words, norm) : av_xstrdup(norm);
	free(norm);
	if (!hyphenate)
		return t;
	p = t;
	while (*p) {
		gunichar ch = g_utf8_get_char(p);
		const char *s = p;
		size_t len, i;
		unsigned char *br;

		if (!g_unichar_isalpha(ch) && ch != SOFT_HYPHEN) {
			p = g_utf8_next_char(p);
			av_buf_add(&out, s, (size_t)(p - s));
			continue;
		}
		while (*p && (g_unichar_isalpha(g_utf8_get_char(p)) || g_utf8_get_char(p) == SOFT_HYPHEN))
			p = g_utf8_next_char(p);
		len = (size_t)(p - s);
		if (memchr(s, 0xc2, len) && g_strstr_len(s, (gssize)len, "\xc2\xad")) {
			av_buf_add(&out, s, len);       /* the author's own breaks */
			continue;
		}
		br = av_xmalloc(len + 1);
		av_hyphenate(patterns(c), s, len, br);
		/* In a narrow box a fragment of two or three letters looks
		 * lost: keep at least LABEL_FRAGMENT letters on each side. */
		{
			size_t before = 0, total = (size_t)g_utf8_strlen(s, (gssize)len);
			for (i = 0; i < len; i++) {
				if ((s[i] & 0xc0) != 0x80) {
					if (i > 0 && br[i] && before >= LABEL_FRAGMENT && total - before >= LABEL_FRAGMENT)
						av_buf_adds(&out, "\xc2\xad");
					before++;
				}
				av_buf_addc(&out, s[i]);
			}
		}
		free(br);
	}
	free(t);
	if (out.data == NULL)
		av_buf_adds(&out, "");
	return av_buf_take(&out);
}

/* A break opportunity in a label: before character `at` (byte offset
 * `byte`); the line before it ends at byte `end` (blanks dropped) and
 * shows a hyphen when `hyphen`. */
struct brk {
	int byte, end;
	int hyphen;
};

/* The widths of the label's lines for every choice of break points, and
 * the choice of 1 to 3 lines that makes the best box: narrow, few lines,
 * few hyphens (`compact`: narrower still, for crowded charts; `fit` > 0:
 * the fewest lines within that width).  Returns the text with the chosen
 * line breaks (real hyphens where a word breaks), or NULL when no choice
 * fits. */
static char *
break_label(const struct ctx *c, const char *text, int compact, double fit, double *fit_w)
{
	PangoLayout *l = new_layout(c, c->f_label, text);
	const PangoLogAttr *attrs;
	int nattrs, i, j, k, nb = 0, len = (int)strlen(text);
	struct brk *b;
	double *x, best = HUGE_VAL;
	int choice[2] = { 0, 0 }, nchoice = 0;
	struct av_buf out = {0};
	const char *p;

	attrs = pango_layout_get_log_attrs_readonly(l, &nattrs);
	b = av_xmalloc(((size_t)nattrs + 2) * sizeof *b);
	x = av_xmalloc(((size_t)len + 1) * sizeof *x);
	/* x[byte] where each cluster starts (one pass over the line), and
	 * the end; bytes inside a cluster take its start. */
	for (i = 0; i <= len; i++)
		x[i] = -1;
	{
		PangoLayoutIter *it = pango_layout_get_iter(l);
		do {
			PangoRectangle r;
			int idx = pango_layout_iter_get_index(it);
			pango_layout_iter_get_cluster_extents(it, NULL, &r);
			if (idx >= 0 && idx < len)
				x[idx] = pu(r.x);
		} while (pango_layout_iter_next_cluster(it));
		pango_layout_iter_free(it);
	}
	x[len] = layout_width(l);
	for (i = 1; i < len; i++)
		if (x[i] < 0)
			x[i] = x[i - 1];
	if (len > 0 && x[0] < 0)
		x[0] = 0;
	/* Start, the break opportunities, the end. */
	b[nb].byte = 0;
	b[nb].end = 0;
	b[nb++].hyphen = 0;
	for (i = 1, p = g_utf8_next_char(text); *p; i++, p = g_utf8_next_char(p)) {
		const char *prev = g_utf8_prev_char(p);
		int end = (int)(p - text);
		if (i >= nattrs || !attrs[i].is_line_break)
			continue;
		b[nb].byte = end;
		b[nb].hyphen = g_utf8_get_char(prev) == SOFT_HYPHEN;
		while (end > 0 && text[end - 1] == ' ')
			end--;
		b[nb++].end = end;
	}
	b[nb].byte = len;
	b[nb].end = len;
	b[nb++].hyphen = 0;

#define SEGW(a, z) (x[b[z].end] - x[b[a].byte] + (b[z].hyphen ? c->hyphen_w : 0))
	/* Every way to place up to two breaks (labels are short). */
	for (k = 1; k <= MAX_LABEL_LINES; k++) {
		int lo = k >= 2 ? 1 : nb - 1, hi = k >= 2 ? nb - 2 : nb - 1;
		for (i = lo; i <= hi; i++) {
			int slo = k == 3 ? i + 1 : nb - 1, shi = k == 3 ? nb - 2 : nb - 1;
			for (j = slo; j <= shi; j++) {
				double w, cost;
				int hyphens;
				if (k == 1) {
					w = SEGW(0, nb - 1);
					hyphens = 0;
				} else if (k == 2) {
					w = fmax(SEGW(0, i), SEGW(i, nb - 1));
					hyphens = b[i].hyphen;
				} else {
					w = fmax(SEGW(0, i), fmax(SEGW(i, j), SEGW(j, nb - 1)));
					hyphens = b[i].hyphen + b[j].hyphen;
				}
				if (fit_w != NULL && w < fit_w[k])
					fit_w[k] = w;
				if (w > (fit > 0 ? fit : compact ? COMPACT_MAX_INNER : MAX_INNER))
					continue;
				if (fit > 0)
					cost = 1000.0 * k + 100.0 * hyphens + w / 100;
				else if (compact)
					cost = fmax(w, COMPACT_MIN_W - 2 * PAD_X) + 12.0 * (k - 1) + 60.0 * hyphens;
				else
					cost = fmax(w, BOX_MIN_W - 2 * PAD_X) + 26.0 * (k - 1) + 55.0 * hyphens +
					    (w > 96 ? (w - 96) * 1.2 : 0);
				/* A last line of a word or two under much longer
				 * ones looks lost. */
				if (k > 1 && SEGW(k == 2 ? i : j, nb - 1) < 0.3 * w)
					cost += 25.0;
				if (cost < best - 1e-9) {
					best = cost;
					nchoice = k;
					choice[0] = i;
					choice[1] = j;
				}
			}
		}
	}
#undef SEGW
	if (nchoice == 0)
		goto out;
	/* The chosen lines, soft hyphens dropped. */
	{
		int from = 0;
		for (j = 0; j < nchoice; j++) {
			int z = j == nchoice - 1 ? nb - 1 : choice[j];
			for (p = text + b[from].byte; p < text + b[z].end; p = g_utf8_next_char(p))
				if (g_utf8_get_char(p) != SOFT_HYPHEN)
					av_buf_add(&out, p, (size_t)(g_utf8_next_char(p) - p));
			if (b[z].hyphen)
				av_buf_addc(&out, '-');
			if (j + 1 < nchoice)
				av_buf_addc(&out, '\n');
			from = z;
		}
	}
out:
	free(b);
	free(x);
	g_object_unref(l);
	return out.data ? av_buf_take(&out) : NULL;
}

/* ---- Measures kept from one layout to the next ---- */

/* A collaboration's chart is laid out several times in a render: in the
 * complete document for each size its page offers, and on a page of its
 * own.  Measuring a name (shaping it, trying its breaks) and its holders
 * is most of a layout's work, and gives the same for the same text, so
 * the results are kept in the process, keyed by everything they depend
 * on: the language (fonts, line height), the measure, the name as broken
 * (blanks normalised, soft hyphens placed, the author's words applied)
 * or the holders' names with the width they get.  The layouts are only
 * read once measured, so a reference is shared.  At most MEAS_KEEP of
 * each are kept; then all are dropped (a batch moves on to other
 * collaborations). */
#define MEAS_KEEP 4096

struct label_meas {
	int rc;                 /* measure_label()'s result */
	struct meas m;          /* its label fields: label an owned reference
	                         * (NULL with rc -1), text and holders NULL */
};

struct holders_meas {
	PangoLayout *holders;   /* owned reference */
	double inner, holders_w, holders_h;
};

static GHashTable *label_cache, *holders_cache;

static void
free_label_meas(gpointer p)
{
	struct label_meas *lm = p;
	if (lm->m.label)
		g_object_unref(lm->m.label);
	g_free(lm);
}

static void
free_holders_meas(gpointer p)
{
	struct holders_meas *hm = p;
	g_object_unref(hm->holders);
	g_free(hm);
}

static void
meas_keep(GHashTable **table, GDestroyNotify free_value, char *key, gpointer value)
{
	if (*table == NULL)
		*table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_value);
	if (g_hash_table_size(*table) >= MEAS_KEEP)
		g_hash_table_remove_all(*table);
	g_hash_table_replace(*table, key, value);
}

void
av_dg_measures_forget(void)
{
	if (label_cache)
		g_hash_table_destroy(label_cache);
	if (holders_cache)
		g_hash_table_destroy(holders_cache);
	label_cache = holders_cache = NULL;
}

/* Measures node i's name: broken between words, or (with `hyphenate`)
 * where the patterns allow too.  Returns -1 when without hyphenation no
 * choice fits. */
static int
measure_label(struct ctx *c, size_t i, struct meas *m, int compact, int hyphenate)
{
	const char *label = c->g->nodes[i].label;
	char *lines, *key;
	struct label_meas *lm;
	int k;

	free(m->text);
	m->text = label_text(c, label, hyphenate);
	/* with `hyphenate` a name no pattern breaks is the same text, but
	 * pango breaks it where it must instead of failing */
	key = g_strdup_printf("%s\x01%d%d\x01%s", c->g->lang ? c->g->lang : "", compact, hyphenate, m->text);
	if (label_cache != NULL && (lm = g_hash_table_lookup(label_cache, key)) != NULL) {
		char *text = m->text;
		g_free(key);
		if (lm->rc != 0)
			return lm->rc;
		*m = lm->m;     /* nothing but the label is measured yet */
		m->text = text;
		g_object_ref(m->label);
		return 0;
	}
	lm = g_new0(struct label_meas, 1);
	for (k = 0; k <= MAX_LABEL_LINES; k++)
		m->fit_w[k] = HUGE_VAL;
	lines = break_label(c, m->text, compact, 0, m->fit_w);
	if (lines == NULL && !hyphenate) {
		lm->rc = -1;
		meas_keep(&label_cache, free_label_meas, key, lm);
		return -1;
	}
	if (lines != NULL) {
		m->label = new_layout(c, c->f_label, lines);
	} else {
		/* A word too long for the widest box even when hyphenated:
		 * pango breaks it where it must. */
		m->label = new_layout(c, c->f_label, m->text);
		pango_layout_set_width(m->label,
		    (int)((compact ? COMPACT_MAX_INNER : MAX_INNER) * PANGO_SCALE));
		pango_layout_set_wrap(m->label, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_spacing(m->label, 0);
	pango_layout_set_line_spacing(m->label, (float)LABEL_SPACING);
	m->label_w = widest_line(m->label);
	m->label_h = layout_height(m->label);
	m->label_lines = pango_layout_get_line_count(m->label);
	m->line_step = m->label_lines > 1 ? (m->label_h - c->line_h) / (m->label_lines - 1) : 0;
	if (lines == NULL)
		for (k = 0; k <= MAX_LABEL_LINES; k++)
			m->fit_w[k] = HUGE_VAL;     /* broken by pango: keep as is */
	free(lines);
	lm->m = *m;
	lm->m.text = NULL;
	lm->m.holders = NULL;
	g_object_ref(lm->m.label);
	meas_keep(&label_cache, free_label_meas, key, lm);
	return 0;
}

/* How high the box of measure m is when its text may use `inner`: the
 * name in fewer lines where they fit. */
static double
fit_height(const struct meas *m, double inner)
{
	int k;
	/* fewer lines than it takes, as far as they were measured (a long
	 * name that breaks only between letters may take more) */
	for (k = 1; k < m->label_lines && k <= MAX_LABEL_LINES; k++)
		if (m->fit_w[k] <= inner)
			return m->h - (m->label_lines - k) * m->line_step;
	return m->h;
}

/* "Anna Berg, Per Ek": spaces inside a name do not break (a name is never
 * hyphenated or split while it fits); at most MAX_HOLDER_LINES lines, the
 * rest counted as "+N". */
static void
measure_holders(struct ctx *c, size_t i, struct meas *m)
{
	const struct av_dg_node *nd = &c->g->nodes[i];
	PangoAttrList *attrs;
	size_t shown, j;
	double widest = 0;
	struct av_buf key = {0};
	struct holders_meas *hm;

	if (nd->nholders == 0)
		return;
	av_buf_printf(&key, "%s\x01%a", c->g->lang ? c->g->lang : "", m->inner);
	for (j = 0; j < nd->nholders; j++) {
		av_buf_addc(&key, '\x01');
		av_buf_adds(&key, nd->holders[j]);
	}
	if (holders_cache != NULL && (hm = g_hash_table_lookup(holders_cache, key.data)) != NULL) {
		av_buf_free(&key);
		if (m->holders)
			g_object_unref(m->holders);
		m->holders = g_object_ref(hm->holders);
		m->inner = hm->inner;
		m->holders_w = hm->holders_w;
		m->holders_h = hm->holders_h;
		return;
	}
	{
		/* Each name on a line of its own, with the comma that may
		 * follow it: one layout measures them all. */
		struct av_buf all = {0};
		PangoLayout *one;
		for (j = 0; j < nd->nholders; j++) {
			char *name = normalize_space(nd->holders[j]);
			av_buf_printf(&all, "%s%s,", j > 0 ? "\n" : "", name);
			free(name);
		}
		one = new_layout(c, c->f_holders, all.data);
		widest = widest_line(one);
		g_object_unref(one);
		av_buf_free(&all);
	}
	if (widest > m->inner)
		m->inner = fmin(widest, MAX_INNER);
	attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	for (shown = nd->nholders; ; shown--) {
		struct av_buf b = {0};
		for (j = 0; j < shown; j++) {
			char *name = normalize_space(nd->holders[j]), *q;
			if (j > 0)
				av_buf_adds(&b, ", ");
			for (q = name; *q; q++) {
				if (*q == ' ')
					av_buf_adds(&b, widest <= MAX_INNER ? "\xc2\xa0" : " ");
				else
					av_buf_addc(&b, *q);
				/* "Anna-Karin" does not break after its hyphen. */
				if (*q == '-')
					av_buf_adds(&b, "\xe2\x81\xa0");
			}
			free(name);
		}
		if (shown < nd->nholders)
			av_buf_printf(&b, "%s+%zu", shown > 0 ? ", " : "", nd->nholders - shown);
		if (m->holders)
			g_object_unref(m->holders);
		m->holders = new_layout(c, c->f_holders, b.data);
		av_buf_free(&b);
		pango_layout_set_attributes(m->holders, attrs);
		pango_layout_set_width(m->holders, (int)(m->inner * PANGO_SCALE));
		pango_layout_set_wrap(m->holders, PANGO_WRAP_WORD_CHAR);
		if (pango_layout_get_line_count(m->holders) <= MAX_HOLDER_LINES || shown == 0)
			break;
	}
	pango_attr_list_unref(attrs);
	m->holders_w = widest_line(m->holders);
	m->holders_h = layout_height(m->holders);
	hm = g_new(struct holders_meas, 1);
	hm->holders = g_object_ref(m->holders);
	hm->inner = m->inner;
	hm->holders_w = m->holders_w;
	hm->holders_h = m->holders_h;
	meas_keep(&holders_cache, free_holders_meas, g_strdup(key.data), hm);
	av_buf_free(&key);
}

static void
measure_tags(struct ctx *c)
{
	size_t i;
	c->tags = av_xcalloc(c->g->nparties + 1, sizeof *c->tags);
	c->legend_names = av_xcalloc(c->g->nparties + 1, sizeof *c->legend_names);
	for (i = 0; i < c->g->nparties; i++) {
		const struct av_dg_party *p = &c->g->parties[i];
		char *s = normalize_space(p->short_name);
		struct tag *t = &c->tags[i];
		size_t len = strlen(s);

		t->layout = new_layout(c, c->f_tag, s);
		/* A short name wider than the widest box is cut with an
		 * ellipsis; the legend gives the full name. */
		while (layout_width(t->layout) > MAX_INNER - 2 * TAG_PAD && len > 0) {
			char *cut;
			len = (size_t)(g_utf8_prev_char(s + len) - s);
			cut = av_xasprintf("%.*s\xe2\x80\xa6", (int)len, s);
			pango_layout_set_text(t->layout, cut, -1);
			free(cut);
		}
		t->w = layout_width(t->layout);
		t->h = layout_height(t->layout);
		t->band = BAND * TAG_SIZE;
		/* The top of the text block that centres capitals in the band. */
		t->top = (t->band + c->cap_h) / 2 - pu(pango_layout_get_baseline(t->layout));
		free(s);
		s = normalize_space(p->name);
		c->legend_names[i] = new_layout(c, c->f_legend, s);
		free(s);
	}
}

/* Boxes in the normal (0) or compact (1) measure, once. */
static void
measure_mode(struct ctx *c, int compact)
{
	size_t i;
	unsigned char *need, any = 0;

	if (c->mm[compact] != NULL)
		return;
	c->mm[compact] = av_xcalloc(c->n + 1, sizeof *c->mm[compact]);
	need = av_xcalloc(c->n + 1, 1);
	/* Names broken between words first, all of them: the patterns (maybe
	 * still loading) only for those that do not fit that way. */
	for (i = 0; i < c->n; i++)
		any |= need[i] = measure_label(c, i, &c->mm[compact][i], compact, 0) != 0;
	if (any)
		load_patterns(c, need);
	for (i = 0; i < c->n; i++)
		if (need[i])
			measure_label(c, i, &c->mm[compact][i], compact, 1);
	free(need);
	for (i = 0; i < c->n; i++) {
		struct meas *m = &c->mm[compact][i];
		size_t party = c->g->nodes[i].party;
		double band = party != AV_DG_NONE ? c->tags[party].band : 0;

		m->inner = m->label_w;
		if (party != AV_DG_NONE)
			m->inner = fmax(m->inner, c->tags[party].w + 2 * TAG_PAD);
		m->inner = fmax(m->inner, (compact ? COMPACT_MIN_W : BOX_MIN_W) - 2 * PAD_X);
		measure_holders(c, i, m);
		m->w = ceil(m->inner + 2 * PAD_X);
		m->h = ceil(band + PAD_Y + m->label_h + (m->holders ? HOLDERS_GAP + m->holders_h : 0) + PAD_Y);
	}
}

static void
measure(struct ctx *c)
{
	measure_tags(c);
	measure_mode(c, 0);
	c->m = c->mm[0];
}

/* ---- Structure: hierarchy parents, staff slots, leaf groups ---------- */

static int
is_up(enum av_dg_rel r)
{
	switch (r) {
	case AV_DG_REPORTS_TO:
	case AV_DG_MEMBER_OF:
		return 1;
	case AV_DG_ADVISES:
	case AV_DG_SUPPORTS:
	case AV_DG_ESCALATES_TO:
		return 0;
	case AV_DG_REL__COUNT:
		break;
	}
	assert(!"relation");
	return 0;
}

static int
is_staff_rel(enum av_dg_rel r)
{
	return r == AV_DG_ADVISES || r == AV_DG_SUPPORTS;
}

/* Whether `anc` is `v` or one of its ancestors along hierarchy parents. */
static int
is_ancestor(const struct ctx *c, size_t anc, size_t v)
{
	for (; v != AV_DG_NONE; v = c->parent[v])
		if (v == anc)
			return 1;
	return 0;
}

/* CSR lists of the nodes whose key[] equals each node, in node order. */
static void
group_by(size_t n, const size_t *key, size_t **off, size_t **list)
{
	size_t i, *fill;
	*off = av_xcalloc(n + 2, sizeof **off);
	*list = av_xmalloc((n + 1) * sizeof **list);
	for (i = 0; i < n; i++)
		if (key[i] != AV_DG_NONE)
			(*off)[key[i] + 1]++;
	for (i = 0; i < n; i++)
		(*off)[i + 1] += (*off)[i];
	fill = av_xmalloc((n + 1) * sizeof *fill);
	memcpy(fill, *off, n * sizeof *fill);
	for (i = 0; i < n; i++)
		if (key[i] != AV_DG_NONE)
			(*list)[fill[key[i]]++] = i;
	free(fill);
}

#define NKIDS(c, v) ((c)->kid_off[(v) + 1] - (c)->kid_off[v])
#define KID(c, v, i) ((c)->kids[(c)->kid_off[v] + (i)])
#define NSTAFF(c, v) ((c)->staff_off[(v) + 1] - (c)->staff_off[v])
#define STAFF(c, v, i) ((c)->staff[(c)->staff_off[v] + (i)])

static void
structure(struct ctx *c)
{
	const struct av_dg_graph *g = c->g;
	size_t i, e, n = c->n;
	unsigned char *candidate;

	c->parent = av_xmalloc((n + 1) * sizeof *c->parent);
	c->served = av_xmalloc((n + 1) * sizeof *c->served);
	c->side = av_xcalloc(n + 1, sizeof *c->side);
	c->group = av_xcalloc(n + 1, sizeof *c->group);
	c->hang_ok = av_xcalloc(n + 1, 1);
	c->edge_state = av_xcalloc(g->nedges + 1, 1);
	for (i = 0; i < n; i++)
		c->parent[i] = c->served[i] = AV_DG_NONE;

	/* Edges to oneself and repeated edges are not drawn. */
	for (e = 0; e < g->nedges; e++) {
		const struct av_dg_edge *ed = &g->edges[e];
		size_t f;
		if (ed->from == ed->to) {
			c->edge_state[e] = EDGE_OMIT;
			av_diag(c->d, AV_D_DIAGRAM, &ed->loc, "role '%s' %s itself; not drawn",
			    g->nodes[ed->from].id, av_dg_rel_name(ed->rel));
			continue;
		}
		for (f = 0; f < e; f++)
			if (g->edges[f].from == ed->from && g->edges[f].to == ed->to &&
			    g->edges[f].rel == ed->rel) {
				c->edge_state[e] = EDGE_OMIT;
				break;
			}
	}
	/* The first reports-to/member-of edge of each role that makes no
	 * cycle is its place in the tree (edges in file order). */
	for (e = 0; e < g->nedges; e++) {
		const struct av_dg_edge *ed = &g->edges[e];
		if (c->edge_state[e] != EDGE_ROUTE || !is_up(ed->rel) || c->parent[ed->from] != AV_DG_NONE)
			continue;
		if (is_ancestor(c, ed->from, ed->to)) {
			av_diag(c->d, AV_D_DIAGRAM, &ed->loc,
			    "'%s' %s '%s' closes a cycle; drawn as a further connector",
			    g->nodes[ed->from].id, av_dg_rel_name(ed->rel), g->nodes[ed->to].id);
			continue;
		}
		c->parent[ed->from] = ed->to;
		c->edge_state[e] = EDGE_TREE;
	}
	group_by(n, c->parent, &c->kid_off, &c->kids);

	/* Staff: a role without hierarchy parent or children that advises or
	 * supports a role that is not itself such a candidate. */
	candidate = av_xcalloc(n + 1, 1);
	for (e = 0; e < g->nedges; e++) {
		size_t f = g->edges[e].from;
		if (c->edge_state[e] == EDGE_ROUTE && is_staff_rel(g->edges[e].rel) &&
		    c->parent[f] == AV_DG_NONE && NKIDS(c, f) == 0)
			candidate[f] = 1;
	}
	for (e = 0; e < g->nedges; e++) {
		const struct av_dg_edge *ed = &g->edges[e];
		if (c->edge_state[e] != EDGE_ROUTE || !is_staff_rel(ed->rel) || !candidate[ed->from] ||
		    candidate[ed->to] || c->served[ed->from] != AV_DG_NONE)
			continue;
		c->served[ed->from] = ed->to;
		c->edge_state[e] = EDGE_STAFF;
	}
	free(candidate);
	group_by(n, c->served, &c->staff_off, &c->staff);
	/* Sides: advisers to the right and supporters to the left when a
	 * role has both; else alternating, right first. */
	for (i = 0; i < n; i++) {
		size_t k, ns = NSTAFF(c, i), nadv = 0, right = 0;
		for (k = 0; k < ns; k++)
			for (e = 0; e < g->nedges; e++)
				if (c->edge_state[e] == EDGE_STAFF && g->edges[e].from == STAFF(c, i, k)) {
					nadv += g->edges[e].rel == AV_DG_ADVISES;
					break;
				}
		for (k = 0; k < ns; k++) {
			size_t s = STAFF(c, i, k);
			if (nadv > 0 && nadv < ns) {
				for (e = 0; e < g->nedges; e++)
					if (c->edge_state[e] == EDGE_STAFF && g->edges[e].from == s)
						break;
				c->side[s] = g->edges[e].rel == AV_DG_ADVISES ? 1 : -1;
			} else {
				c->side[s] = right++ % 2 == 0 ? 1 : -1;
			}
		}
	}

	/* Roots: neither a hierarchy parent nor a staff slot. */
	c->roots = av_xmalloc((n + 1) * sizeof *c->roots);
	for (i = 0; i < n; i++)
		if (c->parent[i] == AV_DG_NONE && c->served[i] == AV_DG_NONE)
			c->roots[c->nroots++] = i;

	/* Leaf groups: two or more children, none with children or staff. */
	for (i = 0; i < n; i++) {
		size_t k, nk = NKIDS(c, i);
		if (nk < 2)
			continue;
		for (k = 0; k < nk; k++)
			if (NKIDS(c, KID(c, i, k)) > 0 || NSTAFF(c, KID(c, i, k)) > 0)
				break;
		if (k == nk)
			c->group[i] = nk;
	}
	/* Hanging columns: children with leaves of their own (and only
	 * leaves), none with staff, at least one with leaves. */
	for (i = 0; i < n; i++) {
		size_t k, j, nk = NKIDS(c, i), deep = 0;
		int ok = nk >= 1;
		for (k = 0; k < nk && ok; k++) {
			size_t kid = KID(c, i, k);
			if (NSTAFF(c, kid) > 0)
				ok = 0;
			deep += NKIDS(c, kid) > 0;
			for (j = 0; j < NKIDS(c, kid) && ok; j++)
				if (NKIDS(c, KID(c, kid, j)) > 0 || NSTAFF(c, KID(c, kid, j)) > 0)
					ok = 0;
		}
		c->hang_ok[i] = ok && deep > 0;
	}
}

/* Escalation the hierarchy already shows (the target is above along
 * hierarchy or staff lines) and relations between boxes already joined
 * by a line are not drawn again. */
static void
omit_redundant(struct ctx *c)
{
	const struct av_dg_graph *g = c->g;
	size_t e, f, v;

	for (e = 0; e < g->nedges; e++) {
		const struct av_dg_edge *ed = &g->edges[e];
		if (c->edge_state[e] != EDGE_ROUTE)
			continue;
		if (ed->rel == AV_DG_ESCALATES_TO) {
			/* Up from `from` through parents and served roles. */
			for (v = ed->from; v != AV_DG_NONE;
			    v = c->parent[v] != AV_DG_NONE ? c->parent[v] : c->served[v])
				if (v == ed->to)
					break;
			if (v == ed->to) {
				c->edge_state[e] = EDGE_OMIT;
				continue;
			}
		}
		if (c->parent[ed->from] == ed->to || c->parent[ed->to] == ed->from ||
		    c->served[ed->from] == ed->to || c->served[ed->to] == ed->from) {
			c->edge_state[e] = EDGE_OMIT;
			continue;
		}
		for (f = 0; f < e; f++)
			if (c->edge_state[f] == EDGE_ROUTE &&
			    ((g->edges[f].from == ed->from && g->edges[f].to == ed->to) ||
			    (g->edges[f].from == ed->to && g->edges[f].to == ed->from)))
				break;
		if (f < e)
			c->edge_state[e] = EDGE_OMIT;
	}
}

/* ---- The tidy tree (Buchheim, Jünger and Leipert's Walker) ----------- */

enum tn_type { TN_ROOT, TN_BOX, TN_COLUMN, TN_DUMMY };

struct tn {
	enum tn_type type;
	size_t node;            /* the box's node, or the column's parent node */
	size_t parent;          /* tn index */
	size_t first, nkids;    /* children: kidv[first .. first + nkids) */
	size_t number;          /* 1-based position among its siblings */
	size_t depth;           /* level of a box (root: unused) */
	double lext, rext;      /* extents left and right of the anchor */
	double prelim, mod, shift, change, x;
	size_t thread, ancestor;
};

struct tree {
	struct tn *t;
	size_t n, cap;
	size_t *kidv;
	size_t nkidv, kidv_cap;
};

/* A trial arrangement for one choice of stacking. */
struct geo {
	unsigned char *cols;    /* per node with a leaf group: 0 a row, 1 or 2 stacked columns;
	                         * HANGING: its children hang in a column with their leaves */
	unsigned char *leafm;   /* ... and the measure of its stacked leaves (0 normal, 1 compact) */
	struct av_dg_rect *r;   /* per node */
	unsigned char *stacked; /* per node */
	size_t *owner;          /* per stacked node: the node whose column holds it */
	size_t *depth;          /* per node */
	struct level {
		double y, h, s;         /* top, row height, staff stacks' overflow below the row */
	} *lv;
	size_t nlevels, levels_cap;
	size_t nstacked;
	double minx, miny, maxx, maxy;  /* the chart without legend */
	/* The whole drawing's size with the legend below (0) or to the
	 * right (1). */
	double width[2], height[2];
	int compact;            /* 0 normal measure, 1 compact for stacked leaves, 2 for all */
	int legend_right;       /* the choice made */
	/* Or the legend fits in an empty corner of the chart: */
	int legend_in;
	double lx, ly, lflow;   /* where, and how wide its rows may be */
	int lcol;               /* one item to a row */
};

static size_t
tn_new(struct tree *tr, enum tn_type type, size_t node, size_t parent, size_t nkids)
{
	struct tn *t;
	tr->t = av_xgrow(tr->t, &tr->cap, tr->n + 1, sizeof *tr->t);
	t = &tr->t[tr->n];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->node = node;
	t->parent = parent;
	t->nkids = nkids;
	t->first = tr->nkidv;
	t->thread = AV_DG_NONE;
	t->ancestor = tr->n;
	tr->kidv = av_xgrow(tr->kidv, &tr->kidv_cap, tr->nkidv + nkids + 1, sizeof *tr->kidv);
	tr->nkidv += nkids;
	return tr->n++;
}

#define TN(tr, v) (&(tr)->t[v])
#define TKID(tr, v, i) ((tr)->kidv[TN(tr, v)->first + (i)])

static size_t
next_left(const struct tree *tr, size_t v)
{
	return TN(tr, v)->nkids ? TKID(tr, v, 0) : TN(tr, v)->thread;
}

static size_t
next_right(const struct tree *tr, size_t v)
{
	return TN(tr, v)->nkids ? TKID(tr, v, TN(tr, v)->nkids - 1) : TN(tr, v)->thread;
}

static double
separation(const struct tree *tr, size_t a, size_t b)
{
	double gap = TN(tr, a)->parent == TN(tr, b)->parent ? HGAP_SIBLING : HGAP_SUBTREE;
	return TN(tr, a)->rext + TN(tr, b)->lext + gap;
}

static size_t
left_sibling(const struct tree *tr, size_t v)
{
	const struct tn *t = TN(tr, v);
	return t->number > 1 ? TKID(tr, t->parent, t->number - 2) : AV_DG_NONE;
}

static void
move_subtree(struct tree *tr, size_t wm, size_t wp, double shift)
{
	double subtrees = (double)TN(tr, wp)->number - (double)TN(tr, wm)->number;
	TN(tr, wp)->change -= shift / subtrees;
	TN(tr, wp)->shift += shift;
	TN(tr, wm)->change += shift / subtrees;
	TN(tr, wp)->prelim += shift;
	TN(tr, wp)->mod += shift;
}

static void
execute_shifts(struct tree *tr, size_t v)
{
	double shift = 0, change = 0;
	size_t i = TN(tr, v)->nkids;
	while (i-- > 0) {
		struct tn *w = TN(tr, TKID(tr, v, i));
		w->prelim += shift;
		w->mod += shift;
		change += w->change;
		shift += w->shift + change;
	}
}

static size_t
apportion(struct tree *tr, size_t v, size_t default_anc)
{
	size_t w = left_sibling(tr, v), vip, vop, vim, vom;
	double sip, sop, sim, som;

	if (w == AV_DG_NONE)
		return default_anc;
	vip = vop = v;
	vim = w;
	vom = TKID(tr, TN(tr, v)->parent, 0);
	sip = TN(tr, vip)->mod;
	sop = TN(tr, vop)->mod;
	sim = TN(tr, vim)->mod;
	som = TN(tr, vom)->mod;
	while (next_right(tr, vim) != AV_DG_NONE && next_left(tr, vip) != AV_DG_NONE) {
		double shift;
		vim = next_right(tr, vim);
		vip = next_left(tr, vip);
		vom = next_left(tr, vom);
		vop = next_right(tr, vop);
		TN(tr, vop)->ancestor = v;
		shift = (TN(tr, vim)->prelim + sim) - (TN(tr, vip)->prelim + sip) + separation(tr, vim, vip);
		if (shift > 0) {
			size_t a = TN(tr, vim)->ancestor;
			if (TN(tr, a)->parent != TN(tr, v)->parent)
				a = default_anc;
			move_subtree(tr, a, v, shift);
			sip += shift;
			sop += shift;
		}
		sim += TN(tr, vim)->mod;
		sip += TN(tr, vip)->mod;
		som += TN(tr, vom)->mod;
		sop += TN(tr, vop)->mod;
	}
	if (next_right(tr, vim) != AV_DG_NONE && next_right(tr, vop) == AV_DG_NONE) {
		TN(tr, vop)->thread = next_right(tr, vim);
		TN(tr, vop)->mod += sim - sop;
	}
	if (next_left(tr, vip) != AV_DG_NONE && next_left(tr, vom) == AV_DG_NONE) {
		TN(tr, vom)->thread = next_left(tr, vip);
		TN(tr, vom)->mod += sip - som;
		default_anc = v;
	}
	return default_anc;
}

static void
first_walk(struct tree *tr, size_t v)
{
	size_t i, w = left_sibling(tr, v), default_anc;

	if (TN(tr, v)->nkids == 0) {
		TN(tr, v)->prelim = w != AV_DG_NONE ? TN(tr, w)->prelim + separation(tr, w, v) : 0;
		return;
	}
	default_anc = TKID(tr, v, 0);
	for (i = 0; i < TN(tr, v)->nkids; i++) {
		size_t k = TKID(tr, v, i);
		first_walk(tr, k);
		default_anc = apportion(tr, k, default_anc);
	}
	execute_shifts(tr, v);
	{
		double mid = (TN(tr, TKID(tr, v, 0))->prelim +
		    TN(tr, TKID(tr, v, TN(tr, v)->nkids - 1))->prelim) / 2;
		if (w != AV_DG_NONE) {
			TN(tr, v)->prelim = TN(tr, w)->prelim + separation(tr, w, v);
			TN(tr, v)->mod = TN(tr, v)->prelim - mid;
		} else {
			TN(tr, v)->prelim = mid;
		}
	}
}

static void
second_walk(struct tree *tr, size_t v, double m)
{
	size_t i;
	TN(tr, v)->x = TN(tr, v)->prelim + m;
	for (i = 0; i < TN(tr, v)->nkids; i++)
		second_walk(tr, TKID(tr, v, i), m + TN(tr, v)->mod);
}

/* ---- Arranging one trial --------------------------------------------- */

static int
is_stacked_group(const struct ctx *c, const struct geo *gm, size_t v)
{
	return c->group[v] >= 2 && gm->cols[v] > 0;
}

#define TWO_COLUMNS_MIN 4       /* leaves at least for two columns */

#define HANGING 3

static int
is_hanging(const struct ctx *c, const struct geo *gm, size_t v)
{
	return c->hang_ok[v] && gm->cols[v] == HANGING;
}

/* The measure of node x in the column of v. */
#define MEAS(c, gm, v, x) (&(c)->mm[(gm)->leafm[v]][x])
/* The measure of stacked leaf k of v. */
#define LEAF(c, gm, v, k) MEAS(c, gm, v, KID(c, v, k))

/* Height of the staff stack on one side of v. */
static double
staff_height(const struct ctx *c, size_t v, int side)
{
	size_t k;
	double h = 0;
	int any = 0;
	for (k = 0; k < NSTAFF(c, v); k++) {
		size_t s = STAFF(c, v, k);
		if (c->side[s] != side)
			continue;
		h += (any ? STACK_GAP : 0) + c->m[s].h;
		any = 1;
	}
	return h;
}

static double
staff_width(const struct ctx *c, size_t v, int side)
{
	size_t k;
	double w = 0;
	for (k = 0; k < NSTAFF(c, v); k++)
		if (c->side[STAFF(c, v, k)] == side)
			w = fmax(w, c->m[STAFF(c, v, k)].w);
	return w;
}

static void
ensure_level(struct geo *gm, size_t l)
{
	while (gm->nlevels <= l) {
		gm->lv = av_xgrow(gm->lv, &gm->levels_cap, gm->nlevels + 1, sizeof *gm->lv);
		memset(&gm->lv[gm->nlevels++], 0, sizeof *gm->lv);
	}
}

/* Rows: each level's height is its tallest box; staff stacks that reach
 * below their row push the next row down. */
static void
levels(const struct ctx *c, struct geo *gm)
{
	size_t i, l, *stack = av_xmalloc((c->n + 1) * sizeof *stack), sp = 0;

	gm->nlevels = 0;
	ensure_level(gm, 0);
	/* Depth first from each root, in node order. */
	for (i = 0; i < c->nroots; i++) {
		gm->depth[c->roots[i]] = 0;
		stack[sp++] = c->roots[i];
		while (sp > 0) {
			size_t v = stack[--sp], k;
			ensure_level(gm, gm->depth[v]);
			gm->lv[gm->depth[v]].h = fmax(gm->lv[gm->depth[v]].h, c->m[v].h);
			if (is_stacked_group(c, gm, v) || is_hanging(c, gm, v)) {
				for (k = 0; k < NKIDS(c, v); k++) {
					size_t kid = KID(c, v, k), j;
					gm->stacked[kid] = 1;
					gm->owner[kid] = v;
					gm->depth[kid] = gm->depth[v] + 1;
					for (j = 0; j < NKIDS(c, kid); j++) {
						gm->stacked[KID(c, kid, j)] = 1;
						gm->owner[KID(c, kid, j)] = v;
						gm->depth[KID(c, kid, j)] = gm->depth[v] + 2;
					}
				}
				continue;
			}
			for (k = NKIDS(c, v); k-- > 0;) {
				gm->depth[KID(c, v, k)] = gm->depth[v] + 1;
				stack[sp++] = KID(c, v, k);
			}
		}
	}
	free(stack);
	for (i = 0; i < c->n; i++) {
		if (c->served[i] != AV_DG_NONE || gm->stacked[i])
			continue;
		l = gm->depth[i];
		gm->lv[l].s = fmax(gm->lv[l].s, fmax(staff_height(c, i, -1), staff_height(c, i, 1)) - gm->lv[l].h);
	}
	gm->lv[0].y = 0;
	for (l = 0; l + 1 < gm->nlevels; l++)
		gm->lv[l + 1].y = gm->lv[l].y + gm->lv[l].h + gm->lv[l].s + VGAP;
}

/* The top of level l, adding empty levels below the last as needed. */
static double
level_top(struct geo *gm, size_t l)
{
	while (gm->nlevels <= l) {
		const struct level *last = &gm->lv[gm->nlevels - 1];
		double y = last->y + (last->h > 0 ? last->h : EMPTY_ROW) + last->s + VGAP;
		ensure_level(gm, gm->nlevels);
		gm->lv[gm->nlevels - 1].y = y;
	}
	return gm->lv[l].y;
}

/* The stacked leaves of v: one column to the right of a spine that
 * drops from v's bottom near its left side, or two columns either side of
 * a spine from its middle (reading left to right, row by row).  Boxes of
 * one group share a width; each row is as high as its taller box. */
struct column {
	int cols;
	double spine_dx;        /* spine relative to v's centre */
	double wc, hc;          /* box width; the tallest box */
	double wl;              /* hanging: the width of the children's leaves */
	double total;           /* height */
	double lext, rext;      /* extents relative to v's centre */
};

/* The indent of the spine of a box of width w that hangs children. */
static double
spine_indent(double w)
{
	return fmin(STACK_INDENT, w / 4);
}

static void
column_shape(const struct ctx *c, const struct geo *gm, size_t v, struct column *col)
{
	size_t k, j, nk = NKIDS(c, v);
	double row_h = 0, block;
	col->wc = 0;
	col->wl = 0;
	col->hc = 0;
	col->total = 0;
	col->cols = gm->cols[v] == 2 ? 2 : 1;
	for (k = 0; k < nk; k++) {
		size_t kid = KID(c, v, k);
		col->wc = fmax(col->wc, MEAS(c, gm, v, kid)->w);
		for (j = 0; j < NKIDS(c, kid); j++)
			col->wl = fmax(col->wl, MEAS(c, gm, v, KID(c, kid, j))->w);
	}
	for (k = 0; k < nk; k++) {
		size_t kid = KID(c, v, k);
		double h = fit_height(MEAS(c, gm, v, kid), col->wc - 2 * PAD_X);
		col->hc = fmax(col->hc, h);
		row_h = fmax(row_h, h);
		if ((k + 1) % (size_t)col->cols == 0 || k + 1 == nk) {
			col->total += row_h + (col->total > 0 ? STACK_GAP : 0);
			row_h = 0;
		}
		/* Hanging: the child's own leaves below it. */
		for (j = 0; j < NKIDS(c, kid); j++)
			col->total += STACK_GAP + fit_height(MEAS(c, gm, v, KID(c, kid, j)), col->wl - 2 * PAD_X);
	}
	block = col->wl > 0 ? fmax(col->wc, spine_indent(col->wc) + STACK_STUB + col->wl) : col->wc;
	if (col->cols == 2) {
		col->spine_dx = 0;
		col->lext = col->rext = STACK_STUB + col->wc;
	} else {
		col->spine_dx = -c->m[v].w / 2 + spine_indent(c->m[v].w);
		col->lext = -col->spine_dx;
		col->rext = col->spine_dx + STACK_STUB + block;
	}
}

static size_t
build_tn(const struct ctx *c, struct geo *gm, struct tree *tr, size_t v, size_t parent_tn)
{
	size_t k, nk = NKIDS(c, v), me, d = gm->depth[v];
	struct tn *t;
	double lw = staff_width(c, v, -1), rw = staff_width(c, v, 1);

	if (is_stacked_group(c, gm, v) || is_hanging(c, gm, v)) {
		struct column col;
		double bottom;
		size_t prev, l, m;
		me = tn_new(tr, TN_BOX, v, parent_tn, 1);
		column_shape(c, gm, v, &col);
		bottom = level_top(gm, d + 1) + col.total;
		/* The column, then one dummy for each further level it reaches,
		 * so that neighbours keep clear of it all the way down. */
		for (m = 1; level_top(gm, d + 1 + m) - VGAP / 2 < bottom + COLUMN_CLEAR; m++)
			;
		prev = me;
		for (l = 0; l < m; l++) {
			size_t cn = tn_new(tr, l == 0 ? TN_COLUMN : TN_DUMMY, v, prev, l + 1 < m ? 1 : 0);
			TKID(tr, prev, 0) = cn;
			TN(tr, cn)->number = 1;
			TN(tr, cn)->depth = d + 1 + l;
			TN(tr, cn)->lext = col.lext;
			TN(tr, cn)->rext = col.rext;
			prev = cn;
		}
	} else {
		me = tn_new(tr, TN_BOX, v, parent_tn, nk);
		for (k = 0; k < nk; k++) {
			size_t kid = build_tn(c, gm, tr, KID(c, v, k), me);
			TKID(tr, me, k) = kid;
			TN(tr, kid)->number = k + 1;
		}
	}
	t = TN(tr, me);
	t->depth = d;
	t->lext = c->m[v].w / 2 + (lw > 0 ? STAFF_GAP + lw : 0);
	t->rext = c->m[v].w / 2 + (rw > 0 ? STAFF_GAP + rw : 0);
	return me;
}

static void
grow_bounds(struct geo *gm, const struct av_dg_rect *r)
{
	gm->minx = fmin(gm->minx, r->x);
	gm->miny = fmin(gm->miny, r->y);
	gm->maxx = fmax(gm->maxx, r->x + r->w);
	gm->maxy = fmax(gm->maxy, r->y + r->h);
}

static void
place_staff(const struct ctx *c, struct geo *gm, size_t v)
{
	int side;
	for (side = -1; side <= 1; side += 2) {
		size_t k;
		double y = gm->r[v].y;
		for (k = 0; k < NSTAFF(c, v); k++) {
			size_t s = STAFF(c, v, k);
			struct av_dg_rect *r = &gm->r[s];
			if (c->side[s] != side)
				continue;
			r->w = c->m[s].w;
			r->h = c->m[s].h;
			r->x = side > 0 ? gm->r[v].x + gm->r[v].w + STAFF_GAP : gm->r[v].x - STAFF_GAP - r->w;
			r->y = y;
			gm->depth[s] = gm->depth[v];
			y += r->h + STACK_GAP;
			grow_bounds(gm, r);
		}
	}
}

static void with_legend(const struct ctx *c, double cw, double ch, int right, double *w, double *h);
static void legend_inside(const struct ctx *c, struct geo *gm);

/* Arranges everything for gm->cols: the node rectangles, bounds and
 * overall size. */
static void
arrange(const struct ctx *c, struct geo *gm)
{
	struct tree tr = {0};
	size_t i, root, k;

	memset(gm->stacked, 0, c->n + 1);
	gm->nstacked = 0;
	levels(c, gm);
	root = tn_new(&tr, TN_ROOT, AV_DG_NONE, AV_DG_NONE, c->nroots);
	for (i = 0; i < c->nroots; i++) {
		size_t kid = build_tn(c, gm, &tr, c->roots[i], root);
		TKID(&tr, root, i) = kid;
		TN(&tr, kid)->number = i + 1;
	}
	if (c->nroots > 0) {
		first_walk(&tr, root);
		second_walk(&tr, root, -TN(&tr, root)->prelim);
	}
	gm->minx = gm->miny = HUGE_VAL;
	gm->maxx = gm->maxy = -HUGE_VAL;
	for (i = 0; i < tr.n; i++) {
		const struct tn *t = &tr.t[i];
		size_t v = t->node;
		if (t->type == TN_BOX) {
			struct av_dg_rect *r = &gm->r[v];
			r->w = c->m[v].w;
			r->h = gm->lv[t->depth].h;
			r->x = t->x - r->w / 2;
			r->y = gm->lv[t->depth].y;
			grow_bounds(gm, r);
			place_staff(c, gm, v);
		} else if (t->type == TN_COLUMN) {
			struct column col;
			double spine, y;
			column_shape(c, gm, v, &col);
			spine = t->x + col.spine_dx;
			y = gm->lv[t->depth].y;
			for (k = 0; k < NKIDS(c, v); k++) {
				size_t kid = KID(c, v, k), j;
				struct av_dg_rect *r = &gm->r[kid];
				int left = col.cols == 2 && k % 2 == 0;
				double inner = col.wc - 2 * PAD_X;
				double row_h = fit_height(LEAF(c, gm, v, k), inner);
				if (col.cols == 2 && k + 1 < NKIDS(c, v) && k % 2 == 0)
					row_h = fmax(row_h, fit_height(LEAF(c, gm, v, k + 1), inner));
				if (col.cols == 2 && k % 2 == 1)
					row_h = gm->r[KID(c, v, k - 1)].h;
				r->x = left ? spine - STACK_STUB - col.wc : spine + STACK_STUB;
				r->y = y;
				r->w = col.wc;
				r->h = row_h;
				if (k % (size_t)col.cols == (size_t)col.cols - 1 || k + 1 == NKIDS(c, v))
					y += row_h + STACK_GAP;
				gm->nstacked++;
				grow_bounds(gm, r);
				/* Hanging: the child's leaves on its own spine. */
				for (j = 0; j < NKIDS(c, kid); j++) {
					struct av_dg_rect *lr = &gm->r[KID(c, kid, j)];
					lr->x = r->x + spine_indent(col.wc) + STACK_STUB;
					lr->y = y;
					lr->w = col.wl;
					lr->h = fit_height(MEAS(c, gm, v, KID(c, kid, j)), col.wl - 2 * PAD_X);
					y += lr->h + STACK_GAP;
					gm->nstacked++;
					grow_bounds(gm, lr);
				}
			}
		}
	}
	if (c->n == 0)
		gm->minx = gm->miny = gm->maxx = gm->maxy = 0;
	for (i = 0; i < 2; i++)
		with_legend(c, gm->maxx - gm->minx, gm->maxy - gm->miny, (int)i, &gm->width[i], &gm->height[i]);
	free(tr.t);
	free(tr.kidv);
}

/* ---- Legend ---------------------------------------------------------- */

static double
legend_item_w(const struct ctx *c, size_t p, double *swatch_w)
{
	*swatch_w = c->tags[p].w + 2 * TAG_PAD;
	return *swatch_w + 5 + widest_line(c->legend_names[p]);
}

static double
legend_row_h(const struct ctx *c, size_t p)
{
	return fmax(c->tags[p].band, layout_height(c->legend_names[p]));
}

typedef void place_fn(void *arg, size_t party, double x, double y, double swatch_w, double row_h);

/* Lays the legend out from (x0, y0) in rows no wider than `width` (or
 * its widest item), or one item to a row when `column`; calls `place`
 * for each item when not NULL.  Sets *w to its width; returns its
 * height. */
static double
legend_flow(const struct ctx *c, double width, int column, double x0, double y0,
    place_fn *place, void *arg, double *w)
{
	size_t p, row_start = 0;
	double x = 0, y = 0, row_h = 0, widest = 0;

	*w = 0;
	if (c->g->nparties == 0)
		return 0;
	for (p = 0; p < c->g->nparties; p++) {
		double sw;
		widest = fmax(widest, legend_item_w(c, p, &sw));
	}
	width = column ? widest : fmax(width, widest);
	for (p = 0; p < c->g->nparties; p++) {
		double sw, iw = legend_item_w(c, p, &sw);
		if (p > row_start && x + iw > width + 1e-6) {
			y += row_h + LEGEND_ROW_GAP;
			x = 0;
			row_h = 0;
			row_start = p;
		}
		if (place)
			place(arg, p, x0 + x, y0 + y, sw, legend_row_h(c, p));
		row_h = fmax(row_h, legend_row_h(c, p));
		*w = fmax(*w, x + iw);
		x += iw + LEGEND_ITEM_GAP;
	}
	return y + row_h;
}

/* The size of a chart cw x ch with its legend below or to the right. */
static void
with_legend(const struct ctx *c, double cw, double ch, int right, double *w, double *h)
{
	double lw, lh = legend_flow(c, cw, right, 0, 0, NULL, NULL, &lw);
	if (c->g->nparties == 0) {
		*w = cw;
		*h = ch;
	} else if (right) {
		*w = cw + LEGEND_GAP + lw;
		*h = fmax(ch, lh);
	} else {
		*w = fmax(cw, lw);
		*h = ch + LEGEND_GAP + lh;
	}
	*w += 2 * EDGE_PAD;
	*h += 2 * EDGE_PAD;
}

/* ---- Choosing the arrangement ---------------------------------------- */

/* A trial with leaf groups of at least stack_min leaves stacked, in two
 * columns from two_min leaves on; with `hang`, every role whose children
 * may hang in a column with their leaves does so. */
static void
geo_init(const struct ctx *c, struct geo *gm, size_t stack_min, size_t two_min, int hang)
{
	size_t i;
	memset(gm, 0, sizeof *gm);
	gm->cols = av_xcalloc(c->n + 1, 1);
	gm->leafm = av_xcalloc(c->n + 1, 1);
	for (i = 0; i < c->n; i++) {
		if (c->group[i] >= 2 && c->group[i] >= stack_min)
			gm->cols[i] = c->group[i] >= TWO_COLUMNS_MIN && c->group[i] >= two_min ? 2 : 1;
		if (hang && c->hang_ok[i])
			gm->cols[i] = HANGING;
	}
	gm->r = av_xcalloc(c->n + 1, sizeof *gm->r);
	gm->stacked = av_xcalloc(c->n + 1, 1);
	gm->owner = av_xcalloc(c->n + 1, sizeof *gm->owner);
	gm->depth = av_xcalloc(c->n + 1, sizeof *gm->depth);
}

static void
geo_free(struct geo *gm)
{
	free(gm->cols);
	free(gm->leafm);
	free(gm->r);
	free(gm->stacked);
	free(gm->owner);
	free(gm->depth);
	free(gm->lv);
}

static double
fit_scale(double w, double h, double aw, double ah, double max_scale)
{
	double s = max_scale;
	if (w > 0)
		s = fmin(s, aw / w);
	if (h > 0)
		s = fmin(s, ah / h);
	return s;
}

static int
cmp_size_desc(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Arranges trial gm and keeps it in *best when it fits the area at a
 * larger scale than *scale (with the legend below, then to the right;
 * the area as given, then turned); else frees it. */
static int
try_geo(struct ctx *c, const struct av_dg_options *o, struct geo *gm, struct geo *best,
    double *scale, int *rotated)
{
	double max_scale = o->max_scale > 0 ? o->max_scale : 1.0;
	int right, turn, kept = 0;

	arrange(c, gm);
	legend_inside(c, gm);
	for (right = 0; right < 2; right++)
		for (turn = 0; turn <= (o->rotate ? 1 : 0); turn++) {
			double s = turn ? fit_scale(gm->width[right], gm->height[right], o->area_h, o->area_w, max_scale)
			    : fit_scale(gm->width[right], gm->height[right], o->area_w, o->area_h, max_scale);
			if (*scale >= 0 && s <= *scale * (1 + 1e-9))
				continue;
			if (*scale >= 0 && !kept)
				geo_free(best);
			gm->legend_right = right;
			*best = *gm;
			kept = 1;
			*scale = s;
			*rotated = turn;
		}
	if (!kept)
		geo_free(gm);
	return kept;
}

static void
set_measure(struct ctx *c, struct geo *gm, int compact)
{
	size_t i;
	c->m = c->mm[compact == 2];
	gm->compact = compact;
	for (i = 0; i < c->n; i++)
		gm->leafm[i] = compact >= 1;
}

#define REFINE_MAX_ROLES 200    /* refine group by group up to this many roles */
#define REFINE_ROUNDS 8

/* Tries the normal measure, then the compact one for stacked leaves,
 * then for all boxes; for each, without and then with hanging columns
 * (children above their own leaves, where that may be); for each, no stacking, then stacking every leaf
 * group of at least k leaves for each group size k, largest first, in
 * one column and then in two columns for the groups of at least k2
 * leaves (k2 >= k, largest first).  Keeps the arrangement that fits the
 * area at the largest scale; on a tie, the one tried first.  Then, for
 * charts small enough to stay legible, changes one group at a time (a
 * row, one column or two) while that helps. */
static void
choose(struct ctx *c, const struct av_dg_options *o, struct geo *best, double *scale, int *rotated)
{
	size_t *sizes = av_xmalloc((c->n + 2) * sizeof *sizes), ns = 0, i, j, nu = 0, round;
	double max_scale = o->max_scale > 0 ? o->max_scale : 1.0;
	int compact, hang, any_hang = 0;

	for (i = 0; i < c->n; i++)
		any_hang |= c->hang_ok[i];

	sizes[ns++] = (size_t)-1;       /* no stacking */
	for (i = 0; i < c->n; i++)
		if (c->group[i] >= 2)
			sizes[ns++] = c->group[i];
	qsort(sizes, ns, sizeof *sizes, cmp_size_desc);
	for (i = 0; i < ns; i++)        /* distinct sizes */
		if (nu == 0 || sizes[i] != sizes[nu - 1])
			sizes[nu++] = sizes[i];
	*scale = -1;
	/* Beyond REFINE_MAX_ROLES a chart is past legible on a page anyway:
	 * the normal measure only. */
	for (compact = 0; compact < (c->n <= REFINE_MAX_ROLES ? 3 : 1) && *scale < max_scale; compact++) {
		/* The compact measure gives up the calm of wider boxes for at
		 * most some 40 % of scale: worth it only where that can make
		 * the chart legible (and it needs the patterns, which take
		 * longer to load than a small chart takes to draw). */
		if (compact > 0 && *scale * COMPACT_GAIN < LEGIBLE_SCALE)
			break;
		if (compact > 0)
			measure_mode(c, 1);
		c->m = c->mm[compact == 2];
		for (hang = 0; hang <= any_hang && *scale < max_scale; hang++) {
			for (i = 0; i < nu && *scale < max_scale; i++) {
				for (j = i + 1; j-- > 0 && *scale < max_scale;) {
					/* j == i: one column; then two for the largest groups. */
					size_t two = j == i ? (size_t)-1 : sizes[j];
					struct geo gm;
					if (j < i && (two == (size_t)-1 || two < TWO_COLUMNS_MIN))
						continue;
					geo_init(c, &gm, sizes[i], two, hang);
					set_measure(c, &gm, compact);
					try_geo(c, o, &gm, best, scale, rotated);
				}
			}
		}
	}
	free(sizes);
	c->m = c->mm[best->compact == 2];
	if (c->n <= REFINE_MAX_ROLES && *scale < max_scale && *scale * COMPACT_GAIN >= LEGIBLE_SCALE)
		measure_mode(c, 1);     /* for trying the other measure on a group */
	for (round = 0; round < REFINE_ROUNDS && c->n <= REFINE_MAX_ROLES && *scale < max_scale; round++) {
		int better = 0;
		for (i = 0; i < c->n && *scale < max_scale; i++) {
			int change;
			if (c->group[i] < 2 && !c->hang_ok[i])
				continue;
			/* One more column, one fewer, the other measure; hanging
			 * or not. */
			for (change = 0; change < 4; change++) {
				struct geo gm;
				int to = best->cols[i];
				if (c->hang_ok[i]) {
					if (change != 3)
						continue;
					to = to == HANGING ? 0 : HANGING;
				} else if (change == 3) {
					continue;
				} else {
					to += change == 0 ? 1 : change == 1 ? -1 : 0;
					if (to < 0 || to > 2 || (to == 2 && c->group[i] < TWO_COLUMNS_MIN) ||
					    (change == 2 && (to == 0 || c->mm[1] == NULL)))
						continue;
				}
				geo_init(c, &gm, (size_t)-1, (size_t)-1, 0);
				memcpy(gm.cols, best->cols, c->n);
				memcpy(gm.leafm, best->leafm, c->n);
				gm.cols[i] = (unsigned char)to;
				if (change == 2)
					gm.leafm[i] = !gm.leafm[i];
				gm.compact = best->compact;
				better |= try_geo(c, o, &gm, best, scale, rotated);
			}
		}
		if (!better)
			break;
	}
}

/* ---- Building the result ----------------------------------------------- */

struct av_dg_layout_priv {
	PangoContext *pc;
	PangoLayout **layouts;  /* per line: its layout (a reference) */
	int *line_index;        /* per line: its line in that layout */
};

struct out {
	struct av_dg_layout *l;
	size_t lines_cap, conns_cap, legend_cap, omitted_cap;
	const struct ctx *c;
};

static char *
line_text(PangoLayout *pl, PangoLayoutLine *line)
{
	const char *text = pango_layout_get_text(pl), *p, *end;
	struct av_buf b = {0};
	int soft_end = 0;

	p = text + line->start_index;
	end = p + line->length;
	while (end > p && (end[-1] == ' ' || end[-1] == '\n'))
		end--;
	for (; p < end; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);
		soft_end = ch == SOFT_HYPHEN;
		if (ch == SOFT_HYPHEN || ch == 0x2060)
			continue;
		if (ch == 0xa0)
			av_buf_addc(&b, ' ');
		else
			av_buf_add(&b, p, (size_t)(g_utf8_next_char(p) - p));
	}
	/* A line pango broke at a soft hyphen shows a hyphen. */
	if (soft_end && line->start_index + line->length < (int)strlen(text))
		av_buf_addc(&b, '-');
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

/* Adds every line of `pl` with its block's top at `top`, each line
 * centred on `cx` (or starting at `left` when cx is NAN). */
static void
add_lines(struct out *o, PangoLayout *pl, enum av_dg_text kind, double size,
    double cx, double left, double top, size_t box)
{
	struct av_dg_layout *l = o->l;
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	const char *text = pango_layout_get_text(pl);
	int idx = 0;

	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log, ink;
		struct av_dg_line *ln;
		int end = line->start_index + line->length, xe;
		double w;

		while (end > line->start_index && (text[end - 1] == ' ' || text[end - 1] == '\n'))
			end--;
		pango_layout_line_index_to_x(line, end, FALSE, &xe);
		pango_layout_iter_get_line_extents(it, &ink, &log);
		w = pu(xe);
		if (l->nlines == o->lines_cap) {
			size_t cap = o->lines_cap ? 2 * o->lines_cap : 64;
			l->lines = av_xrealloc(l->lines, cap * sizeof *l->lines);
			l->priv->layouts = av_xrealloc(l->priv->layouts, cap * sizeof *l->priv->layouts);
			l->priv->line_index = av_xrealloc(l->priv->line_index, cap * sizeof *l->priv->line_index);
			o->lines_cap = cap;
		}
		ln = &l->lines[l->nlines];
		ln->text = line_text(pl, line);
		ln->kind = kind;
		ln->size = size;
		ln->r.x = isnan(cx) ? left : cx - w / 2;
		ln->r.y = top + pu(log.y);
		ln->r.w = w;
		ln->r.h = pu(log.height);
		ln->ink.x = ln->r.x + pu(ink.x) - pu(log.x);
		ln->ink.y = top + pu(ink.y);
		ln->ink.w = pu(ink.width);
		ln->ink.h = pu(ink.height);
		ln->baseline = top + pu(pango_layout_iter_get_baseline(it));
		ln->box = box;
		l->priv->layouts[l->nlines] = g_object_ref(pl);
		l->priv->line_index[l->nlines] = idx++;
		l->nlines++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static size_t
count_char(const char *s, char ch)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == ch;
	return n;
}

static void
make_box(struct out *o, const struct geo *gm, size_t v, enum av_dg_place place, size_t parent)
{
	const struct ctx *c = o->c;
	struct av_dg_box *b = &o->l->boxes[v];
	const struct meas *m = gm->stacked[v] ? MEAS(c, gm, gm->owner[v], v) : &c->m[v];
	size_t party = c->g->nodes[v].party;
	double cx, content, top, label_h;
	PangoLayout *label;

	b->node = v;
	b->place = place;
	b->r = gm->r[v];
	b->parent = parent;
	b->depth = gm->depth[v];
	b->band = party != AV_DG_NONE ? c->tags[party].band : 0;
	b->first_line = o->l->nlines;
	cx = b->r.x + b->r.w / 2;
	if (party != AV_DG_NONE)
		add_lines(o, c->tags[party].layout, AV_DG_TEXT_PARTY, TAG_SIZE, cx, 0,
		    b->r.y + c->tags[party].top, v);
	/* A box made wider than its label asked (a stacked group shares the
	 * widest one's width) takes the name in fewer lines when it can. */
	label = g_object_ref(m->label);
	label_h = m->label_h;
	if (pango_layout_get_line_count(m->label) > 1 && b->r.w - 2 * PAD_X > m->label_w + 1) {
		char *lines = break_label(c, m->text, 0, b->r.w - 2 * PAD_X, NULL);
		if (lines != NULL && (size_t)pango_layout_get_line_count(m->label) > 1 + count_char(lines, '\n')) {
			g_object_unref(label);
			label = new_layout(c, c->f_label, lines);
			pango_layout_set_line_spacing(label, (float)LABEL_SPACING);
			label_h = layout_height(label);
		}
		free(lines);
	}
	/* The text block centred in the box below the band. */
	content = label_h + (m->holders ? HOLDERS_GAP + m->holders_h : 0);
	top = b->r.y + b->band + (b->r.h - b->band - content) / 2;
	add_lines(o, label, AV_DG_TEXT_LABEL, LABEL_SIZE, cx, 0, top, v);
	if (m->holders)
		add_lines(o, m->holders, AV_DG_TEXT_HOLDERS, HOLDERS_SIZE, cx, 0,
		    top + label_h + HOLDERS_GAP, v);
	g_object_unref(label);
	b->nlines = o->l->nlines - b->first_line;
}

static struct av_dg_conn *
new_conn(struct out *o, enum av_dg_conn_kind kind, enum av_dg_style style, size_t from)
{
	struct av_dg_layout *l = o->l;
	struct av_dg_conn *cn;
	l->conns = av_xgrow(l->conns, &o->conns_cap, l->nconns + 1, sizeof *l->conns);
	cn = &l->conns[l->nconns++];
	memset(cn, 0, sizeof *cn);
	cn->kind = kind;
	cn->style = style;
	cn->from = from;
	cn->edge = AV_DG_NONE;
	return cn;
}

static void
seg(struct av_dg_conn *cn, double x1, double y1, double x2, double y2)
{
	struct av_dg_seg *s;
	if (x1 == x2 && y1 == y2)
		return;
	cn->segs = av_xrealloc(cn->segs, (cn->nsegs + 1) * sizeof *cn->segs);
	s = &cn->segs[cn->nsegs++];
	s->x1 = x1;
	s->y1 = y1;
	s->x2 = x2;
	s->y2 = y2;
}

static void
conn_to(struct av_dg_conn *cn, size_t box)
{
	cn->to = av_xrealloc(cn->to, (cn->nto + 1) * sizeof *cn->to);
	cn->to[cn->nto++] = box;
}

static double
cx_of(const struct av_dg_rect *r)
{
	return r->x + r->w / 2;
}

/* The hierarchy and staff connectors of node v. */
static void
connect(struct out *o, const struct geo *gm, size_t v)
{
	const struct ctx *c = o->c;
	const struct av_dg_rect *p = &gm->r[v];
	size_t k, nk = NKIDS(c, v);
	int side;

	if (nk > 0 && (is_stacked_group(c, gm, v) || is_hanging(c, gm, v) || gm->stacked[v])) {
		/* A spine down from the parent's bottom, ticks to each box (a
		 * box hanging in a column: its spine near its left side). */
		const struct av_dg_rect *last = &gm->r[KID(c, v, nk - 1)];
		struct column col;
		double spine;
		struct av_dg_conn *cn = new_conn(o, AV_DG_CONN_STACK, AV_DG_SOLID, v);
		if (gm->stacked[v]) {
			spine = p->x + spine_indent(p->w);
		} else {
			column_shape(c, gm, v, &col);
			spine = cx_of(p) + col.spine_dx;
		}
		seg(cn, spine, p->y + p->h, spine, last->y + last->h / 2);
		for (k = 0; k < nk; k++) {
			const struct av_dg_rect *r = &gm->r[KID(c, v, k)];
			double near = r->x > spine ? r->x : r->x + r->w;
			seg(cn, spine, r->y + r->h / 2, near, r->y + r->h / 2);
			conn_to(cn, KID(c, v, k));
		}
	} else if (nk > 0) {
		/* Trunk, bus, drops. */
		struct av_dg_conn *cn = new_conn(o, AV_DG_CONN_TREE, AV_DG_SOLID, v);
		double x = cx_of(p), top = gm->r[KID(c, v, 0)].y, bus = top - VGAP / 2;
		double lo = x, hi = x;
		for (k = 0; k < nk; k++) {
			lo = fmin(lo, cx_of(&gm->r[KID(c, v, k)]));
			hi = fmax(hi, cx_of(&gm->r[KID(c, v, k)]));
		}
		if (nk == 1 && fabs(cx_of(&gm->r[KID(c, v, 0)]) - x) < 1e-6) {
			seg(cn, x, p->y + p->h, x, top);
		} else {
			seg(cn, x, p->y + p->h, x, bus);
			seg(cn, lo, bus, hi, bus);
			for (k = 0; k < nk; k++) {
				double kx = cx_of(&gm->r[KID(c, v, k)]);
				seg(cn, kx, bus, kx, gm->r[KID(c, v, k)].y);
			}
		}
		for (k = 0; k < nk; k++)
			conn_to(cn, KID(c, v, k));
	}
	/* Staff on each side: a line from the role's side, a spine when
	 * several are stacked, a tick to each. */
	for (side = -1; side <= 1; side += 2) {
		struct av_dg_conn *cn = NULL;
		double edge = side > 0 ? p->x + p->w : p->x, spine = edge + side * STAFF_GAP / 2, yc = 0;
		size_t last = AV_DG_NONE;
		for (k = 0; k < NSTAFF(c, v); k++) {
			size_t s = STAFF(c, v, k), e;
			const struct av_dg_rect *r = &gm->r[s];
			double near = side > 0 ? r->x : r->x + r->w;
			if (c->side[s] != side)
				continue;
			if (cn == NULL) {
				enum av_dg_style st = AV_DG_DASHED;
				for (e = 0; e < c->g->nedges; e++)
					if (c->edge_state[e] == EDGE_STAFF && c->g->edges[e].from == s)
						st = c->g->edges[e].rel == AV_DG_ADVISES ? AV_DG_DASHED : AV_DG_DOTTED;
				cn = new_conn(o, AV_DG_CONN_STAFF, st, v);
				yc = p->y + fmin(p->h, r->h) / 2;
				seg(cn, edge, yc, near, yc);
			} else {
				seg(cn, spine, r->y + r->h / 2, near, r->y + r->h / 2);
			}
			conn_to(cn, s);
			last = s;
		}
		if (cn != NULL && cn->nto > 1)
			seg(cn, spine, yc, spine, gm->r[last].y + gm->r[last].h / 2);
	}
}

static void
add_omitted(struct out *o, size_t e)
{
	struct av_dg_layout *l = o->l;
	l->omitted = av_xgrow(l->omitted, &o->omitted_cap, l->nomitted + 1, sizeof *l->omitted);
	l->omitted[l->nomitted++] = e;
}

static enum av_dg_style
routed_style(enum av_dg_rel r)
{
	switch (r) {
	case AV_DG_REPORTS_TO:
	case AV_DG_MEMBER_OF:
		return AV_DG_THIN;
	case AV_DG_ADVISES:
		return AV_DG_DASHED;
	case AV_DG_SUPPORTS:
		return AV_DG_DOTTED;
	case AV_DG_ESCALATES_TO:
		return AV_DG_DASH_DOT;
	case AV_DG_REL__COUNT:
		break;
	}
	assert(!"relation");
	return AV_DG_THIN;
}

/* Ports the hierarchy and staff connectors already use. */
static void
take_ports(struct av_dg_router *rt, const struct av_dg_layout *l)
{
	size_t i, k;
	for (i = 0; i < l->nconns; i++) {
		const struct av_dg_conn *cn = &l->conns[i];
		switch (cn->kind) {
		case AV_DG_CONN_TREE:
			break;
		case AV_DG_CONN_STACK:
			for (k = 0; k < cn->nto; k++) {
				const struct av_dg_rect *r = &l->boxes[cn->to[k]].r;
				int right = cn->segs[k + 1].x2 > r->x + r->w / 2;
				av_dg_router_take_port(rt, cn->to[k], right ? AV_DG_PORT_RIGHT : AV_DG_PORT_LEFT);
			}
			break;
		case AV_DG_CONN_STAFF: {
			int right = cn->segs[0].x1 >= l->boxes[cn->from].r.x + l->boxes[cn->from].r.w - 1e-6;
			av_dg_router_take_port(rt, cn->from, right ? AV_DG_PORT_RIGHT : AV_DG_PORT_LEFT);
			for (k = 0; k < cn->nto; k++)
				av_dg_router_take_port(rt, cn->to[k], right ? AV_DG_PORT_LEFT : AV_DG_PORT_RIGHT);
			break;
		}
		case AV_DG_CONN_ROUTED:
			break;
		}
	}
}

/* Routes every edge left to route around the boxes and, when not NULL,
 * `obstacle` (the legend inside the chart). */
static void
route_all(struct out *o, const struct av_dg_rect *obstacle)
{
	const struct ctx *c = o->c;
	struct av_dg_layout *l = o->l;
	struct av_dg_router rt;
	struct av_dg_rect *rects = av_xmalloc((l->nboxes + 2) * sizeof *rects);
	size_t i, k, e, nrouted = 0, first_over = AV_DG_NONE, nover = 0;

	for (i = 0; i < l->nboxes; i++)
		rects[i] = l->boxes[i].r;
	if (obstacle)
		rects[l->nboxes] = *obstacle;
	av_dg_router_init(&rt, rects, l->nboxes + (obstacle != NULL));
	for (i = 0; i < l->nconns; i++)
		for (k = 0; k < l->conns[i].nsegs; k++)
			av_dg_router_add_seg(&rt, &l->conns[i].segs[k]);
	take_ports(&rt, l);
	for (e = 0; e < c->g->nedges; e++) {
		const struct av_dg_edge *ed = &c->g->edges[e];
		struct av_dg_conn *cn;
		struct av_dg_seg *path;
		size_t n;

		if (c->edge_state[e] != EDGE_ROUTE)
			continue;
		/* Each route searches around every box and connector so far:
		 * beyond the limit the rest are not drawn (a chart with that
		 * many crossing lines cannot be read anyway). */
		if (nrouted == AV_DG_MAX_ROUTED) {
			if (nover++ == 0)
				first_over = e;
			add_omitted(o, e);
			continue;
		}
		nrouted++;
		path = av_dg_route(&rt, ed->from, ed->to, &n);
		if (path == NULL) {
			av_diag(c->d, AV_D_DIAGRAM, &ed->loc, "found no way to draw '%s' %s '%s'",
			    c->g->nodes[ed->from].id, av_dg_rel_name(ed->rel), c->g->nodes[ed->to].id);
			add_omitted(o, e);
			continue;
		}
		cn = new_conn(o, AV_DG_CONN_ROUTED, routed_style(ed->rel), ed->from);
		conn_to(cn, ed->to);
		cn->segs = path;
		cn->nsegs = n;
		cn->edge = e;
		cn->arrow = ed->rel == AV_DG_ESCALATES_TO;
	}
	if (nover > 0)
		av_diag(c->d, AV_D_DIAGRAM, &c->g->edges[first_over].loc,
		    "%zu relations from here on are not drawn: a diagram draws at most %d lines "
		    "routed around its boxes", nover, AV_DG_MAX_ROUTED);
	av_dg_router_free(&rt);
	free(rects);
}

struct legend_arg {
	struct out *o;
};

static void
place_legend_item(void *arg, size_t p, double x, double y, double sw, double row_h)
{
	struct out *o = ((struct legend_arg *)arg)->o;
	const struct ctx *c = o->c;
	struct av_dg_layout *l = o->l;
	struct av_dg_legend_item *it;
	const struct tag *t = &c->tags[p];
	double name_h = layout_height(c->legend_names[p]);

	l->legend = av_xgrow(l->legend, &o->legend_cap, l->nlegend + 1, sizeof *l->legend);
	it = &l->legend[l->nlegend++];
	it->party = p;
	it->swatch.x = x;
	it->swatch.y = y + (row_h - t->band) / 2;
	it->swatch.w = sw;
	it->swatch.h = t->band;
	it->tag_line = l->nlines;
	add_lines(o, t->layout, AV_DG_TEXT_PARTY, TAG_SIZE, x + sw / 2, 0, it->swatch.y + t->top,
	    AV_DG_NONE);
	it->name_line = l->nlines;
	add_lines(o, c->legend_names[p], AV_DG_TEXT_LEGEND, LEGEND_SIZE, NAN, x + sw + 5,
	    y + (row_h - name_h) / 2, AV_DG_NONE);
}

static void
translate(struct av_dg_layout *l, double dx, double dy)
{
	size_t i, k;
	for (i = 0; i < l->nboxes; i++) {
		l->boxes[i].r.x += dx;
		l->boxes[i].r.y += dy;
	}
	for (i = 0; i < l->nlines; i++) {
		l->lines[i].r.x += dx;
		l->lines[i].r.y += dy;
		l->lines[i].ink.x += dx;
		l->lines[i].ink.y += dy;
		l->lines[i].baseline += dy;
	}
	for (i = 0; i < l->nconns; i++)
		for (k = 0; k < l->conns[i].nsegs; k++) {
			l->conns[i].segs[k].x1 += dx;
			l->conns[i].segs[k].x2 += dx;
			l->conns[i].segs[k].y1 += dy;
			l->conns[i].segs[k].y2 += dy;
		}
	for (i = 0; i < l->nlegend; i++) {
		l->legend[i].swatch.x += dx;
		l->legend[i].swatch.y += dy;
	}
}

static int
seg_hits(const struct av_dg_seg *sg, const struct av_dg_rect *r)
{
	return fmax(sg->x1, sg->x2) > r->x && fmin(sg->x1, sg->x2) < r->x + r->w &&
	    fmax(sg->y1, sg->y2) > r->y && fmin(sg->y1, sg->y2) < r->y + r->h;
}

static int
rects_meet(const struct av_dg_rect *a, const struct av_dg_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Whether the legend fits in an empty corner of the chart (top left, top
 * right, bottom left, bottom right; as a column, then in rows half the
 * chart wide): there it costs no room at all. */
static void
legend_inside(const struct ctx *c, struct geo *gm)
{
	struct av_dg_layout scratch;
	struct out o;
	size_t i, k;
	int corner, col;
	double cw = gm->maxx - gm->minx;

	if (c->g->nparties == 0 || c->n == 0)
		return;
	memset(&scratch, 0, sizeof scratch);
	memset(&o, 0, sizeof o);
	o.l = &scratch;
	o.c = c;
	for (i = 0; i < c->n; i++)
		connect(&o, gm, i);
	for (corner = 0; corner < 4 && !gm->legend_in; corner++)
		for (col = 1; col >= 0 && !gm->legend_in; col--) {
			double lw, lh, flow = col ? 0 : cw / 2;
			struct av_dg_rect r;
			int free_here = 1;
			lh = legend_flow(c, flow, col, 0, 0, NULL, NULL, &lw);
			r.x = corner % 2 == 0 ? gm->minx : gm->maxx - lw;
			r.y = corner < 2 ? gm->miny : gm->maxy - lh;
			r.w = lw;
			r.h = lh;
			if (lw > cw || lh > gm->maxy - gm->miny)
				continue;
			r.x -= LEGEND_CLEAR;
			r.y -= LEGEND_CLEAR;
			r.w += 2 * LEGEND_CLEAR;
			r.h += 2 * LEGEND_CLEAR;
			for (i = 0; i < c->n && free_here; i++)
				if (rects_meet(&gm->r[i], &r))
					free_here = 0;
			for (i = 0; i < scratch.nconns && free_here; i++)
				for (k = 0; k < scratch.conns[i].nsegs && free_here; k++)
					if (seg_hits(&scratch.conns[i].segs[k], &r))
						free_here = 0;
			if (!free_here)
				continue;
			gm->legend_in = 1;
			gm->lx = r.x + LEGEND_CLEAR;
			gm->ly = r.y + LEGEND_CLEAR;
			gm->lflow = flow;
			gm->lcol = col;
			gm->width[0] = gm->width[1] = cw + 2 * EDGE_PAD;
			gm->height[0] = gm->height[1] = gm->maxy - gm->miny + 2 * EDGE_PAD;
		}
	for (i = 0; i < scratch.nconns; i++) {
		free(scratch.conns[i].to);
		free(scratch.conns[i].segs);
	}
	free(scratch.conns);
}

static void
build(struct out *o, const struct geo *gm)
{
	const struct ctx *c = o->c;
	struct av_dg_layout *l = o->l;
	struct legend_arg la = { o };
	double minx, miny, maxx, maxy;
	size_t i, k, e;

	l->nboxes = c->n;
	l->boxes = av_xcalloc(c->n + 1, sizeof *l->boxes);
	l->nstacked = gm->nstacked;
	for (i = 0; i < c->n; i++) {
		if (c->served[i] != AV_DG_NONE)
			make_box(o, gm, i, AV_DG_PLACE_STAFF, c->served[i]);
		else
			make_box(o, gm, i, gm->stacked[i] ? AV_DG_PLACE_STACKED : AV_DG_PLACE_TREE,
			    c->parent[i]);
	}
	for (i = 0; i < c->n; i++)
		connect(o, gm, i);
	for (e = 0; e < c->g->nedges; e++)
		if (c->edge_state[e] == EDGE_OMIT)
			add_omitted(o, e);
	if (gm->legend_in) {
		struct av_dg_rect r;
		double lw;
		r.h = legend_flow(c, gm->lflow, gm->lcol, gm->lx, gm->ly, place_legend_item, &la, &lw);
		r.w = lw;
		r.x = gm->lx - LEGEND_CLEAR / 2;
		r.y = gm->ly - LEGEND_CLEAR / 2;
		r.w += LEGEND_CLEAR;
		r.h += LEGEND_CLEAR;
		route_all(o, &r);
	} else {
		route_all(o, NULL);
	}

	/* Bounds of boxes and connectors; the legend goes below them. */
	minx = gm->minx;
	miny = gm->miny;
	maxx = gm->maxx;
	maxy = gm->maxy;
	for (i = 0; i < l->nconns; i++)
		for (k = 0; k < l->conns[i].nsegs; k++) {
			const struct av_dg_seg *s = &l->conns[i].segs[k];
			minx = fmin(minx, fmin(s->x1, s->x2));
			maxx = fmax(maxx, fmax(s->x1, s->x2));
			miny = fmin(miny, fmin(s->y1, s->y2));
			maxy = fmax(maxy, fmax(s->y1, s->y2));
		}
	if (c->n == 0)
		minx = miny = maxx = maxy = 0;
	if (c->g->nparties == 0 || gm->legend_in) {
		l->width = maxx - minx;
		l->height = maxy - miny;
	} else if (gm->legend_right) {
		double lw, lh = legend_flow(c, 0, 1, maxx + LEGEND_GAP, miny, place_legend_item, &la, &lw);
		l->width = maxx - minx + LEGEND_GAP + lw;
		l->height = fmax(maxy - miny, lh);
	} else {
		double lw, lh = legend_flow(c, maxx - minx, 0, minx, maxy + LEGEND_GAP, place_legend_item, &la, &lw);
		l->width = fmax(maxx - minx, lw);
		l->height = maxy - miny + LEGEND_GAP + lh;
	}
	l->width += 2 * EDGE_PAD;
	l->height += 2 * EDGE_PAD;
	translate(l, EDGE_PAD - minx, EDGE_PAD - miny);
}

struct av_dg_layout *
av_dg_layout(const struct av_dg_graph *g, const struct av_dg_options *o, struct av_diags *d)
{
	struct ctx c;
	struct out out;
	struct av_dg_layout *l = av_xcalloc(1, sizeof *l);
	struct geo best;
	double scale, max_scale = o->max_scale > 0 ? o->max_scale : 1.0, mx;
	int rotated = 0;
	size_t i, k;

	memset(&c, 0, sizeof c);
	memset(&best, 0, sizeof best);
	c.g = g;
	c.d = d;
	c.n = g->nnodes;
	c.pc = av_fonts_context(g->lang);
	c.f_label = font("Open Sans", PANGO_WEIGHT_SEMIBOLD, LABEL_SIZE);
	c.f_holders = font("Open Sans", PANGO_WEIGHT_NORMAL, HOLDERS_SIZE);
	c.f_tag = font("Open Sans", PANGO_WEIGHT_SEMIBOLD, TAG_SIZE);
	c.f_legend = font("Open Sans", PANGO_WEIGHT_NORMAL, LEGEND_SIZE);
	{
		PangoLayout *h = new_layout(&c, c.f_label, "-");
		PangoRectangle ink;
		c.hyphen_w = layout_width(h);
		g_object_unref(h);
		h = new_layout(&c, c.f_label, "H");
		c.line_h = layout_height(h);
		g_object_unref(h);
		h = new_layout(&c, c.f_tag, "H");
		pango_layout_get_extents(h, &ink, NULL);
		c.cap_h = pu(ink.height);
		g_object_unref(h);
	}
	l->g = g;
	l->priv = av_xcalloc(1, sizeof *l->priv);
	l->priv->pc = c.pc;

	measure(&c);
	structure(&c);
	omit_redundant(&c);
	choose(&c, o, &best, &scale, &rotated);

	memset(&out, 0, sizeof out);
	out.l = l;
	out.c = &c;
	build(&out, &best);
	geo_free(&best);

	/* The final size (routes may reach past the boxes) sets the scale. */
	l->rotated = rotated;
	l->scale = rotated ? fit_scale(l->width, l->height, o->area_h, o->area_w, max_scale)
	    : fit_scale(l->width, l->height, o->area_w, o->area_h, max_scale);
	mx = HUGE_VAL;
	for (i = 0; i < l->nlines; i++)
		mx = fmin(mx, l->lines[i].size);
	l->min_text = l->nlines > 0 ? mx * l->scale : 0;
	if (l->nlines > 0 && l->min_text < MIN_LEGIBLE - 1e-9 && !o->quiet)
		av_diag(d, AV_D_DIAGRAM, NULL,
		    "%zu roles do not fit the %.0f x %.0f pt area legibly: the smallest text is %.2f pt (under %.0f pt)",
		    g->nnodes, o->area_w, o->area_h, l->min_text, MIN_LEGIBLE);

	/* Free what only measuring needed; the layouts drawn are kept by
	 * reference in priv. */
	for (k = 0; k < 2; k++) {
		for (i = 0; i < c.n && c.mm[k]; i++) {
			if (c.mm[k][i].label)
				g_object_unref(c.mm[k][i].label);
			if (c.mm[k][i].holders)
				g_object_unref(c.mm[k][i].holders);
			free(c.mm[k][i].text);
		}
		free(c.mm[k]);
	}
	for (i = 0; i < g->nparties; i++) {
		g_object_unref(c.tags[i].layout);
		g_object_unref(c.legend_names[i]);
	}
	free(c.tags);
	av_hyph_free(c.own_hyph);
	free(c.legend_names);
	free(c.parent);
	free(c.served);
	free(c.side);
	free(c.kid_off);
	free(c.kids);
	free(c.staff_off);
	free(c.staff);
	free(c.group);
	free(c.hang_ok);
	free(c.roots);
	free(c.edge_state);
	pango_font_description_free(c.f_label);
	pango_font_description_free(c.f_holders);
	pango_font_description_free(c.f_tag);
	pango_font_description_free(c.f_legend);
	return l;
}

void
av_dg_layout_free(struct av_dg_layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nlines; i++) {
		free(l->lines[i].text);
		g_object_unref(l->priv->layouts[i]);
	}
	for (i = 0; i < l->nconns; i++) {
		free(l->conns[i].to);
		free(l->conns[i].segs);
	}
	free(l->lines);
	free(l->boxes);
	free(l->conns);
	free(l->legend);
	free(l->omitted);
	g_object_unref(l->priv->pc);
	free(l->priv->layouts);
	free(l->priv->line_index);
	free(l->priv);
	free(l);
}

/* For drawing (diagram_draw.c). */
PangoLayoutLine *
av_dg_line_layout(const struct av_dg_layout *l, size_t i, PangoLayout **layout)
{
	*layout = l->priv->layouts[i];
	return pango_layout_get_line_readonly(l->priv->layouts[i], l->priv->line_index[i]);
}
