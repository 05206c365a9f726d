/* fo_props.c -- XSL-FO properties: parsing values, lengths and colours, inheritance, margins into indents. */
#include "config.h"

#include <assert.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"

/* Every property name the formatter understands, X-macro style: name, id. */
#define PROPERTIES(P) \
	P("background-color", BACKGROUND_COLOR) \
	P("baseline-shift", BASELINE_SHIFT) \
	P("blank-or-not-blank", STRUCTURAL) \
	P("block-progression-dimension", HEIGHT) \
	P("border", BORDER) \
	P("border-after-color", BORDER_AFTER_COLOR) \
	P("border-after-style", BORDER_AFTER_STYLE) \
	P("border-after-width", BORDER_AFTER_WIDTH) \
	P("border-before-color", BORDER_BEFORE_COLOR) \
	P("border-before-style", BORDER_BEFORE_STYLE) \
	P("border-before-width", BORDER_BEFORE_WIDTH) \
	P("border-bottom", BORDER_BOTTOM) \
	P("border-bottom-color", BORDER_AFTER_COLOR) \
	P("border-bottom-style", BORDER_AFTER_STYLE) \
	P("border-bottom-width", BORDER_AFTER_WIDTH) \
	P("border-collapse", BORDER_COLLAPSE) \
	P("border-color", BORDER_COLOR) \
	P("border-end-color", BORDER_END_COLOR) \
	P("border-end-style", BORDER_END_STYLE) \
	P("border-end-width", BORDER_END_WIDTH) \
	P("border-left", BORDER_LEFT) \
	P("border-left-color", BORDER_START_COLOR) \
	P("border-left-style", BORDER_START_STYLE) \
	P("border-left-width", BORDER_START_WIDTH) \
	P("border-right", BORDER_RIGHT) \
	P("border-right-color", BORDER_END_COLOR) \
	P("border-right-style", BORDER_END_STYLE) \
	P("border-right-width", BORDER_END_WIDTH) \
	P("border-separation", ACCEPTED) \
	P("border-start-color", BORDER_START_COLOR) \
	P("border-start-style", BORDER_START_STYLE) \
	P("border-start-width", BORDER_START_WIDTH) \
	P("border-style", BORDER_STYLE) \
	P("border-top", BORDER_TOP) \
	P("border-top-color", BORDER_BEFORE_COLOR) \
	P("border-top-style", BORDER_BEFORE_STYLE) \
	P("border-top-width", BORDER_BEFORE_WIDTH) \
	P("border-width", BORDER_WIDTH) \
	P("break-after", BREAK_AFTER) \
	P("break-before", BREAK_BEFORE) \
	P("change-bar-class", STRUCTURAL) \
	P("change-bar-color", CB_COLOR) \
	P("change-bar-offset", CB_OFFSET) \
	P("change-bar-placement", CB_PLACEMENT) \
	P("change-bar-style", ACCEPTED) \
	P("change-bar-width", CB_WIDTH) \
	P("color", COLOR) \
	P("column-number", STRUCTURAL) \
	P("column-width", STRUCTURAL) \
	P("content-height", CONTENT_HEIGHT) \
	P("content-type", ACCEPTED) \
	P("content-width", CONTENT_WIDTH) \
	P("country", ACCEPTED) \
	P("display-align", DISPLAY_ALIGN) \
	P("end-indent", END_INDENT) \
	P("extent", STRUCTURAL) \
	P("external-destination", STRUCTURAL) \
	P("flow-name", STRUCTURAL) \
	P("font-family", FONT_FAMILY) \
	P("font-size", FONT_SIZE) \
	P("font-style", FONT_STYLE) \
	P("font-weight", FONT_WEIGHT) \
	P("force-page-count", STRUCTURAL) \
	P("format", STRUCTURAL) \
	P("height", HEIGHT) \
	P("hyphenate", HYPHENATE) \
	P("hyphenation-character", ACCEPTED) \
	P("hyphenation-push-character-count", ACCEPTED) \
	P("hyphenation-remain-character-count", ACCEPTED) \
	P("id", ID) \
	P("initial-page-number", STRUCTURAL) \
	P("inline-progression-dimension", WIDTH) \
	P("internal-destination", STRUCTURAL) \
	P("keep-together", KEEP_TOGETHER) \
	P("keep-with-next", KEEP_WITH_NEXT) \
	P("keep-with-previous", KEEP_WITH_PREVIOUS) \
	P("language", LANGUAGE) \
	P("leader-length", LEADER_LENGTH) \
	P("leader-pattern", LEADER_PATTERN) \
	P("line-height", LINE_HEIGHT) \
	P("margin", MARGIN) \
	P("margin-bottom", MARGIN_BOTTOM) \
	P("margin-left", MARGIN_LEFT) \
	P("margin-right", MARGIN_RIGHT) \
	P("margin-top", MARGIN_TOP) \
	P("master-name", STRUCTURAL) \
	P("master-reference", STRUCTURAL) \
	P("maximum-repeats", STRUCTURAL) \
	P("number-columns-spanned", COLUMNS_SPANNED) \
	P("number-rows-spanned", ROWS_SPANNED) \
	P("odd-or-even", STRUCTURAL) \
	P("orphans", ORPHANS) \
	P("padding", PADDING) \
	P("padding-after", PADDING_AFTER) \
	P("padding-before", PADDING_BEFORE) \
	P("padding-bottom", PADDING_AFTER) \
	P("padding-end", PADDING_END) \
	P("padding-left", PADDING_START) \
	P("padding-right", PADDING_END) \
	P("padding-start", PADDING_START) \
	P("padding-top", PADDING_BEFORE) \
	P("page-height", STRUCTURAL) \
	P("page-position", STRUCTURAL) \
	P("page-width", STRUCTURAL) \
	P("provisional-distance-between-starts", PDBS) \
	P("provisional-label-separation", PLS) \
	P("ref-id", STRUCTURAL) \
	P("region-name", STRUCTURAL) \
	P("role", ROLE) \
	P("rule-style", ACCEPTED) \
	P("rule-thickness", RULE_THICKNESS) \
	P("scaling", SCALING) \
	P("show-destination", ACCEPTED) \
	P("space-after", SPACE_AFTER) \
	P("space-before", SPACE_BEFORE) \
	P("src", STRUCTURAL) \
	P("start-indent", START_INDENT) \
	P("starting-state", STRUCTURAL) \
	P("table-layout", ACCEPTED) \
	P("table-omit-footer-at-break", STRUCTURAL) \
	P("table-omit-header-at-break", STRUCTURAL) \
	P("text-align", TEXT_ALIGN) \
	P("text-align-last", TEXT_ALIGN_LAST) \
	P("text-decoration", TEXT_DECORATION) \
	P("text-indent", TEXT_INDENT) \
	P("vertical-align", ACCEPTED) \
	P("widows", WIDOWS) \
	P("width", WIDTH)

enum prop_id {
	PR_NONE,
	PR_ACCEPTED, PR_STRUCTURAL,
	PR_BACKGROUND_COLOR, PR_BASELINE_SHIFT, PR_HEIGHT, PR_WIDTH,
	PR_BORDER, PR_BORDER_TOP, PR_BORDER_BOTTOM, PR_BORDER_LEFT, PR_BORDER_RIGHT,
	PR_BORDER_COLOR, PR_BORDER_STYLE, PR_BORDER_WIDTH,
	PR_BORDER_BEFORE_COLOR, PR_BORDER_BEFORE_STYLE, PR_BORDER_BEFORE_WIDTH,
	PR_BORDER_AFTER_COLOR, PR_BORDER_AFTER_STYLE, PR_BORDER_AFTER_WIDTH,
	PR_BORDER_START_COLOR, PR_BORDER_START_STYLE, PR_BORDER_START_WIDTH,
	PR_BORDER_END_COLOR, PR_BORDER_END_STYLE, PR_BORDER_END_WIDTH,
	PR_BREAK_AFTER, PR_BREAK_BEFORE,
	PR_CB_COLOR, PR_CB_OFFSET, PR_CB_PLACEMENT, PR_CB_WIDTH,
	PR_COLOR, PR_CONTENT_HEIGHT, PR_CONTENT_WIDTH, PR_DISPLAY_ALIGN,
	PR_END_INDENT, PR_START_INDENT, PR_TEXT_INDENT,
	PR_FONT_FAMILY, PR_FONT_SIZE, PR_FONT_STYLE, PR_FONT_WEIGHT,
	PR_HYPHENATE, PR_ID, PR_ROLE, PR_LANGUAGE,
	PR_KEEP_TOGETHER, PR_KEEP_WITH_NEXT, PR_KEEP_WITH_PREVIOUS,
	PR_LEADER_LENGTH, PR_LEADER_PATTERN, PR_RULE_THICKNESS, PR_LINE_HEIGHT,
	PR_MARGIN, PR_MARGIN_TOP, PR_MARGIN_BOTTOM, PR_MARGIN_LEFT, PR_MARGIN_RIGHT,
	PR_COLUMNS_SPANNED, PR_ROWS_SPANNED, PR_BORDER_COLLAPSE, PR_ORPHANS, PR_WIDOWS,
	PR_PADDING, PR_PADDING_BEFORE, PR_PADDING_AFTER, PR_PADDING_START, PR_PADDING_END,
	PR_PDBS, PR_PLS, PR_SCALING, PR_SPACE_AFTER, PR_SPACE_BEFORE,
	PR_TEXT_ALIGN, PR_TEXT_ALIGN_LAST, PR_TEXT_DECORATION
};

static const struct prop_name {
	const char *name;
	enum prop_id id;
} prop_names[] = {
#define P(name, id) { name, PR_##id },
	PROPERTIES(P)
#undef P
};

static int
cmp_prop(const void *key, const void *el)
{
	return strcmp(key, ((const struct prop_name *)el)->name);
}

/* "space-before.optimum" -> "space-before"; "keep-with-next.within-page" -> ... */
static enum prop_id
lookup(const char *name, const char **component)
{
	char base[64];
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	const struct prop_name *p;

	*component = dot ? dot + 1 : NULL;
	if (n >= sizeof base)
		return PR_NONE;
	memcpy(base, name, n);
	base[n] = '\0';
	p = bsearch(base, prop_names, sizeof prop_names / sizeof prop_names[0],
	    sizeof prop_names[0], cmp_prop);
	return p ? p->id : PR_NONE;
}

int
av_fo_length(const char *s, double font_size, double pct_base, double *out)
{
	char *end;
	double v;

	while (g_ascii_isspace(*s))
		s++;
	v = g_ascii_strtod(s, &end);
	if (end == s)
		return -1;
	while (g_ascii_isspace(*end))
		end++;
	if (*end == '\0' && v == 0)
		;
	else if (strcmp(end, "pt") == 0)
		;
	else if (strcmp(end, "mm") == 0)
		v *= 72.0 / 25.4;
	else if (strcmp(end, "cm") == 0)
		v *= 72.0 / 2.54;
	else if (strcmp(end, "in") == 0)
		v *= 72.0;
	else if (strcmp(end, "pc") == 0)
		v *= 12.0;
	else if (strcmp(end, "px") == 0)
		v *= 72.0 / 96.0;         /* CSS px, as FOP's default 96 dpi source resolution */
	else if (strcmp(end, "em") == 0)
		v *= font_size;
	else if (strcmp(end, "%") == 0)
		v *= pct_base / 100.0;
	else
		return -1;
	if (!isfinite(v) || fabs(v) > 1e5)
		return -1;
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	uint32_t rgb;
} named_colors[] = {
	{ "black", 0x000000 }, { "silver", 0xc0c0c0 }, { "gray", 0x808080 },
	{ "grey", 0x808080 }, { "white", 0xffffff }, { "maroon", 0x800000 },
	{ "red", 0xff0000 }, { "purple", 0x800080 }, { "fuchsia", 0xff00ff },
	{ "green", 0x008000 }, { "lime", 0x00ff00 }, { "olive", 0x808000 },
	{ "yellow", 0xffff00 }, { "navy", 0x000080 }, { "blue", 0x0000ff },
	{ "teal", 0x008080 }, { "aqua", 0x00ffff }, { "orange", 0xffa500 },
};

int
av_fo_color(const char *s, uint32_t *out)
{
	size_t i, n;
	unsigned r, g, b;

	while (g_ascii_isspace(*s))
		s++;
	n = strlen(s);
	while (n > 0 && g_ascii_isspace(s[n - 1]))
		n--;
	if (s[0] == '#') {
		for (i = 1; i < n; i++)
			if (!g_ascii_isxdigit(s[i]))
				return -1;
		if (n == 7) {
			*out = (uint32_t)strtoul(s + 1, NULL, 16);
			return 0;
		}
		if (n == 4) {
			r = (unsigned)g_ascii_xdigit_value(s[1]);
			g = (unsigned)g_ascii_xdigit_value(s[2]);
			b = (unsigned)g_ascii_xdigit_value(s[3]);
			*out = (r * 17) << 16 | (g * 17) << 8 | b * 17;
			return 0;
		}
		return -1;
	}
	if (sscanf(s, "rgb(%u ,%u ,%u )", &r, &g, &b) == 3 && r < 256 && g < 256 && b < 256) {
		*out = r << 16 | g << 8 | b;
		return 0;
	}
	for (i = 0; i < sizeof named_colors / sizeof named_colors[0]; i++)
		if (g_ascii_strncasecmp(s, named_colors[i].name, n) == 0 && named_colors[i].name[n] == '\0') {
			*out = named_colors[i].rgb;
			return 0;
		}
	return -1;
}

void
av_fo_props_root(struct fo_props *p)
{
	int i;
	memset(p, 0, sizeof *p);
	p->font_family = "sans-serif";
	p->font_size = 12;
	p->font_weight = 400;
	p->line_height_factor = 1.2;
	p->line_height = 14.4;
	p->widows = p->orphans = 2;
	p->cb_color = 0x000000;
	p->cb_offset = 6;
	p->cb_width = 0.5;
	p->rule_thickness = 1;
	p->leader_pattern = LEADER_SPACE;
	for (i = 0; i < 4; i++)
		p->border_color[i] = 0;
	p->width = p->height = -1;
	p->content_width = p->content_height = -1;
	p->leader_length = 12;
	p->pdbs = 24;
	p->pls = 6;
	p->columns_spanned = 1;
	p->rows_spanned = 1;
}

/* The non-inherited properties take their initial values. */
static void
reset_noninherited(struct fo_props *p)
{
	int i;
	p->space_before = p->space_after = 0;
	for (i = 0; i < 4; i++) {
		p->padding[i] = 0;
		p->border_w[i] = 0;
		p->border_style[i] = BORDER_NONE;
		p->border_color[i] = p->color;
	}
	p->has_background = 0;
	p->background = 0;
	p->keep_with_next = p->keep_with_previous = 0;
	p->break_before = p->break_after = BRK_AUTO;
	p->baseline_shift = 0;
	p->display_align = 0;
	p->width = p->height = -1;
	p->content_width = p->content_height = -1;
	p->scale_nonuniform = 0;
	p->pdbs = 24;
	p->pls = 6;
	p->columns_spanned = 1;
	p->rows_spanned = 1;
	p->id = NULL;
	p->role = NULL;
	p->alt_text = NULL;
}

/* Parsing context for one element. */
struct pc {
	struct fo_tree *t;
	struct fo_node *n;
	struct av_diags *d;
	const struct fo_props *parent;
	struct fo_props *p;
	double pct;
	const char *name;          /* the attribute being parsed */
	int margin_set[4];
	double margin[4];
	int start_set, end_set;
	int border_color_set[4];
};

static void
bad_value(struct pc *c, const char *value)
{
	av_diag(c->d, AV_D_FO_BAD_VALUE, &c->n->loc, "%s=\"%s\" on fo:%s is not understood; ignored",
	    c->name, value, c->n->name);
}

static int
length(struct pc *c, const char *v, double *out)
{
	if (av_fo_length(v, c->p->font_size, c->pct, out) == 0)
		return 0;
	bad_value(c, v);
	return -1;
}

static int
keep_value(struct pc *c, const char *v)
{
	if (strcmp(v, "auto") == 0)
		return 0;
	if (strcmp(v, "always") == 0)
		return KEEP_ALWAYS;
	if (g_ascii_isdigit(v[0])) {
		long k = strtol(v, NULL, 10);
		return k < 1 ? 0 : k > KEEP_ALWAYS ? KEEP_ALWAYS : (int)k;
	}
	bad_value(c, v);
	return 0;
}

static enum fo_break
break_value(struct pc *c, const char *v)
{
	if (strcmp(v, "auto") == 0)
		return BRK_AUTO;
	if (strcmp(v, "page") == 0 || strcmp(v, "column") == 0)
		return BRK_PAGE;
	if (strcmp(v, "odd-page") == 0)
		return BRK_ODD;
	if (strcmp(v, "even-page") == 0)
		return BRK_EVEN;
	bad_value(c, v);
	return BRK_AUTO;
}

static int
align_value(struct pc *c, const char *v, enum fo_align *out)
{
	if (strcmp(v, "start") == 0 || strcmp(v, "left") == 0 || strcmp(v, "inside") == 0)
		*out = ALIGN_START;
	else if (strcmp(v, "center") == 0)
		*out = ALIGN_CENTER;
	else if (strcmp(v, "end") == 0 || strcmp(v, "right") == 0 || strcmp(v, "outside") == 0)
		*out = ALIGN_END;
	else if (strcmp(v, "justify") == 0)
		*out = ALIGN_JUSTIFY;
	else if (strcmp(v, "relative") == 0)
		;
	else {
		bad_value(c, v);
		return -1;
	}
	return 0;
}

static int
border_style_value(const char *v, enum fo_border *out)
{
	if (strcmp(v, "none") == 0 || strcmp(v, "hidden") == 0)
		*out = BORDER_NONE;
	else if (strcmp(v, "solid") == 0 || strcmp(v, "groove") == 0 || strcmp(v, "ridge") == 0 ||
	    strcmp(v, "inset") == 0 || strcmp(v, "outset") == 0)
		*out = BORDER_SOLID;
	else if (strcmp(v, "dashed") == 0)
		*out = BORDER_DASHED;
	else if (strcmp(v, "dotted") == 0)
		*out = BORDER_DOTTED;
	else if (strcmp(v, "double") == 0)
		*out = BORDER_DOUBLE;
	else
		return -1;
	return 0;
}

static int
border_width_value(struct pc *c, const char *v, double *out)
{
	if (strcmp(v, "thin") == 0)
		*out = 0.5;
	else if (strcmp(v, "medium") == 0)
		*out = 1;
	else if (strcmp(v, "thick") == 0)
		*out = 2;
	else if (av_fo_length(v, c->p->font_size, c->pct, out) != 0)
		return -1;
	return 0;
}

/* Splits a shorthand value into its space-separated tokens (rgb(...) kept whole). */
static int
tokens(const char *v, char tok[4][64])
{
	int n = 0;
	while (*v) {
		size_t k = 0;
		int depth = 0;
		while (g_ascii_isspace(*v))
			v++;
		if (!*v)
			break;
		if (n == 4)
			return -1;
		while (*v && (depth > 0 || !g_ascii_isspace(*v))) {
			if (*v == '(')
				depth++;
			else if (*v == ')')
				depth--;
			if (k + 1 < 64)
				tok[n][k++] = *v;
			v++;
		}
		tok[n][k] = '\0';
		n++;
	}
	return n;
}

/* "0.5pt solid #000" for the sides in mask (bit per side). */
static void
border_shorthand(struct pc *c, const char *v, unsigned mask)
{
	char tok[4][64];
	int n = tokens(v, tok), i, s;
	for (i = 0; i < n; i++) {
		enum fo_border st;
		double w;
		uint32_t col;
		if (border_style_value(tok[i], &st) == 0) {
			for (s = 0; s < 4; s++)
				if (mask & (1u << s)) {
					c->p->border_style[s] = st;
					if (c->p->border_w[s] == 0 && st != BORDER_NONE)
						c->p->border_w[s] = 1;
				}
		} else if (border_width_value(c, tok[i], &w) == 0) {
			for (s = 0; s < 4; s++)
				if (mask & (1u << s))
					c->p->border_w[s] = w;
		} else if (av_fo_color(tok[i], &col) == 0) {
			for (s = 0; s < 4; s++)
				if (mask & (1u << s)) {
					c->p->border_color[s] = col;
					c->border_color_set[s] = 1;
				}
		} else {
			bad_value(c, v);
			return;
		}
	}
	if (n <= 0)
		bad_value(c, v);
}

/* 1-4 values, CSS order top right bottom left, into before/after/start/end. */
static int
four_lengths(struct pc *c, const char *v, double out[4])
{
	char tok[4][64];
	double x[4];
	int n = tokens(v, tok), i;
	if (n <= 0) {
		bad_value(c, v);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(tok[i], "auto") == 0)
			x[i] = 0;
		else if (length(c, tok[i], &x[i]) != 0)
			return -1;
	if (n == 1)
		x[1] = x[2] = x[3] = x[0];
	else if (n == 2) {
		x[2] = x[0];
		x[3] = x[1];
	} else if (n == 3)
		x[3] = x[1];
	out[SIDE_BEFORE] = x[0];
	out[SIDE_END] = x[1];
	out[SIDE_AFTER] = x[2];
	out[SIDE_START] = x[3];
	return 0;
}

static double
font_size_value(struct pc *c, const char *v)
{
	static const struct {
		const char *k;
		double pt;
	} kw[] = {
		{ "xx-small", 7 }, { "x-small", 8.3 }, { "small", 10 }, { "medium", 12 },
		{ "large", 14.4 }, { "x-large", 17.3 }, { "xx-large", 20.7 },
	};
	size_t i;
	double out, base = c->parent->font_size;
	for (i = 0; i < sizeof kw / sizeof kw[0]; i++)
		if (strcmp(v, kw[i].k) == 0)
			return kw[i].pt;
	if (strcmp(v, "larger") == 0)
		return base * 1.2;
	if (strcmp(v, "smaller") == 0)
		return base / 1.2;
	if (av_fo_length(v, base, base, &out) == 0 && out > 0)
		return out;
	bad_value(c, v);
	return base;
}

static void
apply(struct pc *c, enum prop_id id, const char *comp, const char *v)
{
	struct fo_props *p = c->p;
	double x;
	uint32_t col;
	int side = -1;

	switch (id) {
	case PR_NONE:
	case PR_ACCEPTED:
	case PR_STRUCTURAL:
	case PR_FONT_SIZE:      /* done first */
		break;
	case PR_BACKGROUND_COLOR:
		if (strcmp(v, "transparent") == 0)
			p->has_background = 0;
		else if (av_fo_color(v, &col) == 0) {
			p->has_background = 1;
			p->background = col;
		} else
			bad_value(c, v);
		break;
	case PR_COLOR:
		if (av_fo_color(v, &col) == 0)
			p->color = col;
		else
			bad_value(c, v);
		break;
	case PR_BASELINE_SHIFT:
		if (strcmp(v, "baseline") == 0)
			p->baseline_shift = 0;
		else if (strcmp(v, "super") == 0)
			p->baseline_shift = c->parent->font_size * 0.33;
		else if (strcmp(v, "sub") == 0)
			p->baseline_shift = -c->parent->font_size * 0.2;
		else if (av_fo_length(v, p->font_size, p->line_height, &x) == 0)
			p->baseline_shift = x;
		else
			bad_value(c, v);
		break;
	case PR_HEIGHT:
	case PR_WIDTH:
		if (strcmp(v, "auto") == 0)
			x = -1;
		else if (length(c, v, &x) != 0)
			break;
		if (id == PR_WIDTH)
			p->width = x;
		else
			p->height = x;
		break;
	case PR_CONTENT_WIDTH:
	case PR_CONTENT_HEIGHT:
		if (strcmp(v, "auto") == 0)
			x = -1;
		else if (strcmp(v, "scale-to-fit") == 0 || strcmp(v, "scale-down-to-fit") == 0)
			x = -2;
		else if (strcmp(v, "scale-up-to-fit") == 0)
			x = -2;
		else if (length(c, v, &x) != 0)
			break;
		if (id == PR_CONTENT_WIDTH)
			p->content_width = x;
		else
			p->content_height = x;
		break;
	case PR_SCALING:
		if (strcmp(v, "uniform") == 0)
			p->scale_nonuniform = 0;
		else if (strcmp(v, "non-uniform") == 0)
			p->scale_nonuniform = 1;
		else
			bad_value(c, v);
		break;
	case PR_BORDER:
		border_shorthand(c, v, 0xf);
		break;
	case PR_BORDER_TOP:
		border_shorthand(c, v, 1u << SIDE_BEFORE);
		break;
	case PR_BORDER_BOTTOM:
		border_shorthand(c, v, 1u << SIDE_AFTER);
		break;
	case PR_BORDER_LEFT:
		border_shorthand(c, v, 1u << SIDE_START);
		break;
	case PR_BORDER_RIGHT:
		border_shorthand(c, v, 1u << SIDE_END);
		break;
	case PR_BORDER_COLOR:
	case PR_BORDER_STYLE:
	case PR_BORDER_WIDTH: {
		char tok[4][64];
		int n = tokens(v, tok), i, s;
		/* CSS order: top right bottom left -> before, end, after, start */
		if (n <= 0) {
			bad_value(c, v);
			break;
		}
		for (s = 0; s < 4; s++) {
			/* index of the token giving side s for n tokens */
			int css = s == SIDE_BEFORE ? 0 : s == SIDE_END ? 1 : s == SIDE_AFTER ? 2 : 3;
			const char *t;
			i = n == 1 ? 0 : n == 2 ? css % 2 : n == 3 ? (css == 3 ? 1 : css) : css;
			t = tok[i];
			if (id == PR_BORDER_COLOR) {
				if (av_fo_color(t, &p->border_color[s]) == 0)
					c->border_color_set[s] = 1;
				else
					bad_value(c, v);
			} else if (id == PR_BORDER_STYLE) {
				if (border_style_value(t, &p->border_style[s]) != 0)
					bad_value(c, v);
				else if (p->border_w[s] == 0 && p->border_style[s] != BORDER_NONE)
					p->border_w[s] = 1;
			} else if (border_width_value(c, t, &p->border_w[s]) != 0)
				bad_value(c, v);
		}
		break;
	}
	case PR_BORDER_BEFORE_COLOR: side = SIDE_BEFORE; goto bcolor;
	case PR_BORDER_AFTER_COLOR: side = SIDE_AFTER; goto bcolor;
	case PR_BORDER_START_COLOR: side = SIDE_START; goto bcolor;
	case PR_BORDER_END_COLOR: side = SIDE_END;
	bcolor:
		if (av_fo_color(v, &p->border_color[side]) == 0)
			c->border_color_set[side] = 1;
		else
			bad_value(c, v);
		break;
	case PR_BORDER_BEFORE_STYLE: side = SIDE_BEFORE; goto bstyle;
	case PR_BORDER_AFTER_STYLE: side = SIDE_AFTER; goto bstyle;
	case PR_BORDER_START_STYLE: side = SIDE_START; goto bstyle;
	case PR_BORDER_END_STYLE: side = SIDE_END;
	bstyle:
		if (border_style_value(v, &p->border_style[side]) != 0)
			bad_value(c, v);
		else if (p->border_w[side] == 0 && p->border_style[side] != BORDER_NONE)
			p->border_w[side] = 1;
		break;
	case PR_BORDER_BEFORE_WIDTH: side = SIDE_BEFORE; goto bwidth;
	case PR_BORDER_AFTER_WIDTH: side = SIDE_AFTER; goto bwidth;
	case PR_BORDER_START_WIDTH: side = SIDE_START; goto bwidth;
	case PR_BORDER_END_WIDTH: side = SIDE_END;
	bwidth:
		if (comp && strcmp(comp, "length") != 0)
			break;      /* .conditionality */
		if (border_width_value(c, v, &p->border_w[side]) != 0)
			bad_value(c, v);
		break;
	case PR_BREAK_AFTER:
		p->break_after = break_value(c, v);
		break;
	case PR_BREAK_BEFORE:
		p->break_before = break_value(c, v);
		break;
	case PR_CB_COLOR:
		if (av_fo_color(v, &p->cb_color) != 0)
			bad_value(c, v);
		break;
	case PR_CB_OFFSET:
		length(c, v, &p->cb_offset);
		break;
	case PR_CB_WIDTH:
		border_width_value(c, v, &p->cb_width);
		break;
	case PR_CB_PLACEMENT:
		if (strcmp(v, "start") == 0 || strcmp(v, "left") == 0 || strcmp(v, "inside") == 0 ||
		    strcmp(v, "alternate") == 0)
			p->cb_placement_end = 0;
		else if (strcmp(v, "end") == 0 || strcmp(v, "right") == 0 || strcmp(v, "outside") == 0)
			p->cb_placement_end = 1;
		else
			bad_value(c, v);
		break;
	case PR_DISPLAY_ALIGN:
		if (strcmp(v, "before") == 0 || strcmp(v, "auto") == 0)
			p->display_align = 0;
		else if (strcmp(v, "center") == 0)
			p->display_align = 1;
		else if (strcmp(v, "after") == 0)
			p->display_align = 2;
		else
			bad_value(c, v);
		break;
	case PR_START_INDENT:
	case PR_END_INDENT:
		if (strcmp(v, "body-start()") == 0) {
			/* the list-item's start-indent plus the list-block's distance */
			const struct fo_node *li = c->n->parent;
			if (li && li->p && li->parent && li->parent->p)
				x = li->p->start_indent + li->parent->p->pdbs;
			else
				x = c->parent->start_indent;
		} else if (strcmp(v, "label-end()") == 0) {
			const struct fo_node *li = c->n->parent;
			/* stored as the label's width from the item's start */
			if (li && li->p && li->parent && li->parent->p)
				x = li->parent->p->pdbs - li->parent->p->pls;
			else
				x = 0;
			if (id == PR_END_INDENT) {
				p->end_is_label_end = 1;
				p->end_indent = x;
				c->end_set = 1;
			}
			break;
		} else if (strcmp(v, "0") == 0)
			x = 0;
		else if (length(c, v, &x) != 0)
			break;
		if (id == PR_START_INDENT) {
			p->start_indent = x;
			c->start_set = 1;
		} else {
			p->end_indent = x;
			p->end_is_label_end = 0;
			c->end_set = 1;
		}
		break;
	case PR_TEXT_INDENT:
		length(c, v, &p->text_indent);
		break;
	case PR_FONT_FAMILY: {
		/* The first family; fontconfig resolves the rest of the list. */
		char *s = g_strdup(v), *q;
		for (q = s; *q; q++)
			if (*q == '\'' || *q == '"')
				*q = ' ';
		p->font_family = av_fo_intern(c->t, g_strstrip(s));
		g_free(s);
		break;
	}
	case PR_FONT_STYLE:
		if (strcmp(v, "italic") == 0 || strcmp(v, "oblique") == 0 || strcmp(v, "backslant") == 0)
			p->italic = 1;
		else if (strcmp(v, "normal") == 0)
			p->italic = 0;
		else
			bad_value(c, v);
		break;
	case PR_FONT_WEIGHT:
		if (strcmp(v, "normal") == 0)
			p->font_weight = 400;
		else if (strcmp(v, "bold") == 0)
			p->font_weight = 700;
		else if (strcmp(v, "bolder") == 0)
			p->font_weight = p->font_weight >= 600 ? 900 : p->font_weight >= 400 ? 700 : 400;
		else if (strcmp(v, "lighter") == 0)
			p->font_weight = p->font_weight >= 700 ? 400 : 100;
		else if (g_ascii_isdigit(v[0]) && atoi(v) >= 100 && atoi(v) <= 900)
			p->font_weight = atoi(v) / 100 * 100;
		else
			bad_value(c, v);
		break;
	case PR_HYPHENATE:
		if (strcmp(v, "true") == 0)
			p->hyphenate = 1;
		else if (strcmp(v, "false") == 0)
			p->hyphenate = 0;
		else
			bad_value(c, v);
		break;
	case PR_ID:
		p->id = av_fo_intern(c->t, v);
		break;
	case PR_ROLE:
		p->role = av_fo_intern(c->t, v);
		break;
	case PR_LANGUAGE:
		if (strcmp(v, "none") != 0)
			p->lang = av_fo_intern(c->t, v);
		break;
	case PR_KEEP_TOGETHER:
		if (comp == NULL || strcmp(comp, "within-line") != 0)
			p->keep_together = keep_value(c, v);
		break;
	case PR_KEEP_WITH_NEXT:
		if (comp == NULL || strcmp(comp, "within-line") != 0)
			p->keep_with_next = keep_value(c, v);
		break;
	case PR_KEEP_WITH_PREVIOUS:
		if (comp == NULL || strcmp(comp, "within-line") != 0)
			p->keep_with_previous = keep_value(c, v);
		break;
	case PR_LEADER_LENGTH:
		if (comp && strcmp(comp, "optimum") != 0 && strcmp(comp, "maximum") != 0)
			break;
		if (strcmp(v, "100%") == 0)
			p->leader_length = -1;
		else
			length(c, v, &p->leader_length);
		break;
	case PR_LEADER_PATTERN:
		if (strcmp(v, "space") == 0)
			p->leader_pattern = LEADER_SPACE;
		else if (strcmp(v, "rule") == 0)
			p->leader_pattern = LEADER_RULE;
		else if (strcmp(v, "dots") == 0)
			p->leader_pattern = LEADER_DOTS;
		else {
			av_fo_unsupported(c->t, c->d, &c->n->loc, "leader-pattern value", v);
			p->leader_pattern = LEADER_SPACE;
		}
		break;
	case PR_RULE_THICKNESS:
		length(c, v, &p->rule_thickness);
		break;
	case PR_LINE_HEIGHT:
		if (strcmp(v, "normal") == 0) {
			p->line_height_factor = 1.2;
		} else {
			char *end;
			double f = g_ascii_strtod(v, &end);
			if (end != v && *end == '\0' && f > 0) {
				p->line_height_factor = f;
			} else if (av_fo_length(v, p->font_size, p->font_size, &x) == 0 && x > 0) {
				p->line_height_factor = 0;
				p->line_height = x;
			} else
				bad_value(c, v);
		}
		break;
	case PR_MARGIN: {
		double m[4];
		int s;
		if (four_lengths(c, v, m) == 0)
			for (s = 0; s < 4; s++) {
				c->margin[s] = m[s];
				c->margin_set[s] = 1;
			}
		break;
	}
	case PR_MARGIN_TOP: side = SIDE_BEFORE; goto margin;
	case PR_MARGIN_BOTTOM: side = SIDE_AFTER; goto margin;
	case PR_MARGIN_LEFT: side = SIDE_START; goto margin;
	case PR_MARGIN_RIGHT: side = SIDE_END;
	margin:
		if (strcmp(v, "auto") == 0)
			x = 0;
		else if (length(c, v, &x) != 0)
			break;
		c->margin[side] = x;
		c->margin_set[side] = 1;
		break;
	case PR_COLUMNS_SPANNED:
	case PR_ROWS_SPANNED: {
		int k = atoi(v);
		if (k < 1 || k > 1000) {
			bad_value(c, v);
			k = 1;
		}
		*(id == PR_COLUMNS_SPANNED ? &p->columns_spanned : &p->rows_spanned) = k;
		break;
	}
	case PR_BORDER_COLLAPSE:
		if (strcmp(v, "separate") == 0)
			p->border_separate = 1;
		else if (strcmp(v, "collapse") == 0 || strcmp(v, "collapse-with-precedence") == 0)
			p->border_separate = 0;
		else
			bad_value(c, v);
		break;
	case PR_ORPHANS:
	case PR_WIDOWS: {
		int k = atoi(v);
		if (k < 1 || k > 100) {
			bad_value(c, v);
			break;
		}
		if (id == PR_ORPHANS)
			p->orphans = k;
		else
			p->widows = k;
		break;
	}
	case PR_PADDING:
		four_lengths(c, v, p->padding);
		break;
	case PR_PADDING_BEFORE: side = SIDE_BEFORE; goto padding;
	case PR_PADDING_AFTER: side = SIDE_AFTER; goto padding;
	case PR_PADDING_START: side = SIDE_START; goto padding;
	case PR_PADDING_END: side = SIDE_END;
	padding:
		if (comp && strcmp(comp, "length") != 0)
			break;
		length(c, v, &p->padding[side]);
		break;
	case PR_PDBS:
		length(c, v, &p->pdbs);
		break;
	case PR_PLS:
		length(c, v, &p->pls);
		break;
	case PR_SPACE_AFTER:
	case PR_SPACE_BEFORE:
		if (comp && strcmp(comp, "optimum") != 0)
			break;    /* minimum, maximum, conditionality, precedence */
		if (length(c, v, &x) == 0) {
			if (id == PR_SPACE_BEFORE)
				p->space_before = x;
			else
				p->space_after = x;
		}
		break;
	case PR_TEXT_ALIGN:
		align_value(c, v, &p->text_align);
		break;
	case PR_TEXT_ALIGN_LAST:
		align_value(c, v, &p->text_align_last);
		break;
	case PR_TEXT_DECORATION:
		if (strcmp(v, "underline") == 0)
			p->underline = 1;
		else if (strcmp(v, "none") == 0 || strcmp(v, "no-underline") == 0)
			p->underline = 0;
		else
			av_fo_unsupported(c->t, c->d, &c->n->loc, "text-decoration value", v);
		break;
	default:
		assert(!"unhandled property");
	}
}

/* An attribute's value without the white space around it: copied into
 * buf when it fits, else into *heap (NULL otherwise), which the caller
 * g_free()s.  The value of an attribute that is one text node (every one
 * the parser makes without entities) is read in place: this runs for
 * every property of every FO element. */
static const char *
stripped_value(const xmlAttr *a, char *buf, size_t size, char **heap)
{
	const xmlNode *t = a->children;
	xmlChar *joined = NULL;
	const char *v, *e;
	size_t n;

	*heap = NULL;
	if (t != NULL && t->next == NULL && t->type == XML_TEXT_NODE && t->content != NULL)
		v = (const char *)t->content;
	else
		v = (const char *)(joined = xmlNodeGetContent((const xmlNode *)a));
	if (v == NULL)
		v = "";
	while (g_ascii_isspace(*v))
		v++;
	e = v + strlen(v);
	while (e > v && g_ascii_isspace(e[-1]))
		e--;
	n = (size_t)(e - v);
	if (n < size) {
		memcpy(buf, v, n);
		buf[n] = '\0';
		v = buf;
	} else {
		v = *heap = g_strndup(v, n);
	}
	xmlFree(joined);
	return v;
}

void
av_fo_props_compute(struct fo_tree *t, struct fo_node *n, const struct fo_props *parent,
    double pct_base, struct av_diags *d)
{
	struct pc c;
	struct fo_props *p = n->p;
	xmlAttr *a;
	int s, space_before_set = 0, space_after_set = 0;

	memset(&c, 0, sizeof c);
	c.t = t;
	c.n = n;
	c.d = d;
	c.parent = parent;
	c.p = p;
	c.pct = pct_base;
	*p = *parent;
	reset_noninherited(p);
	p->text_align_last = parent->text_align_last;

	/* font-size first: em lengths of every other property depend on it. */
	for (a = n->xml->properties; a; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, "font-size") == 0) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			c.name = "font-size";
			p->font_size = font_size_value(&c, (const char *)v);
			xmlFree(v);
		}
	}
	if (p->line_height_factor > 0)
		p->line_height = p->line_height_factor * p->font_size;
	for (s = 0; s < 4; s++)
		p->border_color[s] = p->color;

	for (a = n->xml->properties; a; a = a->next) {
		xmlChar *v;
		const char *comp, *name = (const char *)a->name;
		enum prop_id id;

		if (a->ns != NULL) {
			const char *ns = (const char *)a->ns->href;
			if (strcmp(ns, "http://www.w3.org/XML/1998/namespace") == 0 &&
			    strcmp(name, "lang") == 0) {
				v = xmlNodeGetContent((xmlNode *)a);
				p->lang = av_fo_intern(t, (const char *)v);
				xmlFree(v);
			} else if (strcmp(ns, "http://xmlgraphics.apache.org/fop/extensions") == 0 &&
			    strcmp(name, "alt-text") == 0) {
				v = xmlNodeGetContent((xmlNode *)a);
				p->alt_text = av_fo_intern(t, (const char *)v);
				xmlFree(v);
			}
			continue;     /* other namespaces: extensions, not ours to judge */
		}
		id = lookup(name, &comp);
		if (id == PR_NONE) {
			av_fo_unsupported(t, d, &n->loc, "property", name);
			continue;
		}
		c.name = name;
		{
			char buf[128], *heap;
			const char *sv = stripped_value(a, buf, sizeof buf, &heap);
			if (strcmp(sv, "inherit") == 0)
				;       /* the inherited value is already there for inherited ones */
			else {
				if (id == PR_SPACE_BEFORE && (!comp || strcmp(comp, "optimum") == 0))
					space_before_set = 1;
				if (id == PR_SPACE_AFTER && (!comp || strcmp(comp, "optimum") == 0))
					space_after_set = 1;
				apply(&c, id, comp, sv);
			}
			g_free(heap);
		}
	}
	if (p->line_height_factor > 0)
		p->line_height = p->line_height_factor * p->font_size;
	for (s = 0; s < 4; s++) {
		if (p->border_style[s] == BORDER_NONE)
			p->border_w[s] = 0;
		n->margin[s] = c.margin[s];
	}
	/* Corresponding properties (XSL 1.1 section 5.3.2), as FOP computes
	 * them: a margin gives space and indent; without margin or indent the
	 * inherited indent stands and padding and border lie outside it. */
	if (c.margin_set[SIDE_BEFORE] && !space_before_set)
		p->space_before = c.margin[SIDE_BEFORE];
	if (c.margin_set[SIDE_AFTER] && !space_after_set)
		p->space_after = c.margin[SIDE_AFTER];
	if (!c.start_set && c.margin_set[SIDE_START])
		p->start_indent = parent->start_indent + c.margin[SIDE_START] +
		    p->padding[SIDE_START] + p->border_w[SIDE_START];
	if (!c.end_set && c.margin_set[SIDE_END]) {
		p->end_indent = parent->end_indent + c.margin[SIDE_END] +
		    p->padding[SIDE_END] + p->border_w[SIDE_END];
		p->end_is_label_end = parent->end_is_label_end;
	}
}
