/* diagram_gen.c -- generated organisation charts of any size, for the diagram's tests and benchmark. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram_gen.h"
#include "util.h"

static unsigned
next(unsigned *s)
{
	/* xorshift32: the same numbers everywhere. */
	unsigned x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static const char *const themes[] = {
	"ekonomi", "digitalisering", "kommunikation", "utbildning", "upphandling",
	"vård och omsorg", "samhällsbyggnad", "kultur", "miljö", "kollektivtrafik",
	"folkhälsa", "informationssäkerhet", "verksamhetsutveckling", "juridik",
	"arbetsmiljö", "krisberedskap",
};
static const char *const leaf_words[] = {
	"Handläggare", "Samordnare", "Utredare", "Verksamhetsutvecklare", "Specialist",
	"Systemförvaltare", "Kvalitetssamordnare", "Processledare", "Kommunikatör",
	"Informationssäkerhetssamordnare",
};
static const char *const first_names[] = {
	"Anna", "Per", "Karin", "Lars", "Eva", "Mikael", "Sara", "Johan", "Maria", "Erik",
	"Ingrid", "Ola", "Kari", "Åsa", "Jonas", "Siri", "Nils", "Märta", "Björn", "Elin",
};
static const char *const last_names[] = {
	"Berg", "Ek", "Nord", "Holm", "Lindqvist", "Ström", "Sandberg", "Åberg", "Nygård",
	"Fjeld", "Haugen", "Dahl", "Solberg", "Öberg", "Lund", "Bakke",
};
#define N(a) (sizeof a / sizeof a[0])

static void
holders(struct av_dg_graph *g, size_t node, unsigned *s, int many)
{
	size_t k, count = many ? 1 + next(s) % 3 : 1;
	for (k = 0; k < count; k++) {
		char *name = av_xasprintf("%s %s", first_names[next(s) % N(first_names)],
		    last_names[next(s) % N(last_names)]);
		av_dg_add_holder(g, node, name);
		free(name);
	}
}

static size_t
add(struct av_dg_graph *g, const char *label, enum av_dg_kind kind, size_t party,
    unsigned flags, unsigned *s, int many)
{
	char *id = av_xasprintf("r%zu", g->nnodes);
	size_t n = av_dg_add_node(g, id, label, kind, party, NULL);
	free(id);
	if (flags & DG_GEN_HOLDERS)
		holders(g, n, s, many);
	return n;
}

struct av_dg_graph *
dg_gen(size_t n, unsigned flags, unsigned seed)
{
	struct av_dg_graph *g = av_dg_graph_new("sv", "Roller och ansvar", NULL);
	size_t *depth, *parent, i;
	unsigned s = seed * 2654435761u + 12345u;
	size_t nstaff = flags & DG_GEN_STAFF ? n / 12 : 0;

	if (s == 0)
		s = 1;
	av_dg_add_party(g, "kommunerna", "Länets kommuner", "Kommunerna", "#0072b2", NULL);
	av_dg_add_party(g, "regionen", "Region Mellanland", "Regionen", "#e69f00", NULL);
	av_dg_add_party(g, "lansstyrelsen", "Länsstyrelsen i Mellanlands län", "Lst", "#009e73", NULL);
	av_dg_add_party(g, "skr", "Sveriges Kommuner och Regioner", "SKR", "#cc79a7", NULL);
	depth = av_xcalloc(n + 1, sizeof *depth);
	parent = av_xcalloc(n + 1, sizeof *parent);
	if (n == 0)
		goto out;

	/* The top: steering group, owner, project leader. */
	add(g, "Styrgrupp", AV_DG_STEERING, 0, flags, &s, 1);
	parent[0] = AV_DG_NONE;
	if (n > 1) {
		add(g, "Projektägare", AV_DG_OWNER, 1, flags, &s, 0);
		av_dg_add_edge(g, 1, 0, AV_DG_REPORTS_TO, NULL);
		parent[1] = 0;
		depth[1] = 1;
	}
	if (n > 2) {
		add(g, "Projektledare", AV_DG_LEAD, 0, flags, &s, 0);
		av_dg_add_edge(g, 2, 1, AV_DG_REPORTS_TO, NULL);
		parent[2] = 1;
		depth[2] = 2;
	}
	/* Under the project leader, level by level: sub-projects, then groups,
	 * then members.  Every inner role of a level gets about five roles
	 * below it; the last level shares what is left evenly, in order. */
	{
		size_t budget = n - nstaff, lo = 2, hi = 3, k;
		while (g->nnodes < budget) {
			size_t inner = hi - lo, want = 0, made = 0;
			size_t *count = av_xcalloc(inner + 1, sizeof *count);
			for (k = 0; k < inner; k++) {
				count[k] = 4 + next(&s) % 3;
				want += count[k];
			}
			if (g->nnodes + 2 * want > budget) {
				/* The last level: too few left for another. */
				size_t left = budget - g->nnodes;
				for (k = 0; k < inner; k++)
					count[k] = left / inner + (k < left % inner);
			}
			for (k = 0; k < inner; k++) {
				size_t p = lo + k, j;
				for (j = 0; j < count[k] && g->nnodes < budget; j++) {
					const char *theme = themes[next(&s) % N(themes)];
					char *label;
					size_t c, party = next(&s) % 4;
					enum av_dg_kind kind;
					int last = g->nnodes + 2 * want > budget;
					if (depth[p] == 2) {
						label = av_xasprintf("Delprojekt %s", theme);
						kind = AV_DG_MANAGEMENT;
					} else if (!last) {
						label = av_xasprintf("Arbetsgrupp %s %zu", theme, g->nnodes);
						kind = AV_DG_TEAM;
					} else {
						label = av_xasprintf("%s %s", leaf_words[next(&s) % N(leaf_words)], theme);
						kind = AV_DG_MEMBER;
					}
					c = add(g, label, kind, party, flags, &s, kind == AV_DG_TEAM);
					free(label);
					av_dg_add_edge(g, c, p, kind == AV_DG_MEMBER ? AV_DG_MEMBER_OF : AV_DG_REPORTS_TO, NULL);
					parent[c] = p;
					depth[c] = depth[p] + 1;
					made++;
				}
			}
			free(count);
			lo = hi;
			hi = lo + made;
			if (made == 0)
				break;
		}
	}
	/* Staff: reference groups and advisers to an inner role; support
	 * roles to a leader. */
	for (i = 0; i < nstaff && g->nnodes < n; i++) {
		size_t target = next(&s) % (g->nnodes < 12 ? g->nnodes : g->nnodes / 6), c;
		int advises = next(&s) % 2;
		char *label = advises ? av_xasprintf("Referensgrupp %s", themes[next(&s) % N(themes)])
		    : av_xasprintf("Controller %s", themes[next(&s) % N(themes)]);
		c = add(g, label, advises ? AV_DG_REFERENCE : AV_DG_OTHER, next(&s) % 4, flags, &s, 0);
		free(label);
		parent[c] = AV_DG_NONE;
		av_dg_add_edge(g, c, target, advises ? AV_DG_ADVISES : AV_DG_SUPPORTS, NULL);
	}
	/* A second parent for some roles: another role one level up, mostly
	 * a neighbour of the first (a member of two groups of one
	 * sub-project), sometimes anywhere. */
	if (flags & DG_GEN_DAG) {
		for (i = 3; i < g->nnodes; i++) {
			size_t j, tries;
			int near = next(&s) % 3 != 0;
			if (parent[i] == AV_DG_NONE || next(&s) % 12 != 0)
				continue;
			for (tries = 0; tries < 20; tries++) {
				j = near ? parent[i] + 1 + tries % 2 * (g->nnodes - 2) : next(&s) % g->nnodes;
				j %= g->nnodes;
				if (j != parent[i] && j != i && parent[j] != AV_DG_NONE && depth[j] + 1 == depth[i])
					break;
				if (near && tries >= 1)
					near = 0;
			}
			if (tries < 20)
				av_dg_add_edge(g, i, j, AV_DG_REPORTS_TO, NULL);
		}
	}
	/* Escalation: to the steering group (the hierarchy shows that line
	 * already), to the parent's neighbour, or anywhere (lines it lacks). */
	if (flags & DG_GEN_ESCALATE) {
		for (i = 3; i < g->nnodes; i++) {
			size_t j, pick;
			if (next(&s) % 16 != 0)
				continue;
			pick = next(&s) % 4;
			j = pick < 2 ? 0 : pick == 2 && parent[i] != AV_DG_NONE ? (parent[i] + 1) % g->nnodes
			    : next(&s) % g->nnodes;
			if (j != i)
				av_dg_add_edge(g, i, j, AV_DG_ESCALATES_TO, NULL);
		}
	}
out:
	free(depth);
	free(parent);
	return g;
}

static void
esc(struct av_buf *b, const char *s, int dot)
{
	for (; *s; s++) {
		if (dot && (*s == '"' || *s == '\\'))
			av_buf_addc(b, '\\');
		if (!dot && *s == '&')
			av_buf_adds(b, "&amp;");
		else if (!dot && *s == '<')
			av_buf_adds(b, "&lt;");
		else if (!dot && *s == '"')
			av_buf_adds(b, "&quot;");
		else
			av_buf_addc(b, *s);
	}
}

char *
dg_gen_xml(const struct av_dg_graph *g)
{
	struct av_buf b = {0};
	size_t i, k;

	av_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<d:diagram xmlns:d=\"%s\" lang=\"%s\"",
	    AV_DG_NS, g->lang ? g->lang : "sv");
	if (g->title) {
		av_buf_adds(&b, " title=\"");
		esc(&b, g->title, 0);
		av_buf_addc(&b, '"');
	}
	av_buf_adds(&b, ">\n");
	for (i = 0; i < g->nparties; i++) {
		const struct av_dg_party *p = &g->parties[i];
		av_buf_printf(&b, "  <d:party id=\"%s\" name=\"", p->id);
		esc(&b, p->name, 0);
		av_buf_adds(&b, "\" short=\"");
		esc(&b, p->short_name, 0);
		av_buf_printf(&b, "\" colour=\"#%06x\"/>\n", p->colour);
	}
	for (i = 0; i < g->nnodes; i++) {
		const struct av_dg_node *n = &g->nodes[i];
		av_buf_printf(&b, "  <d:node id=\"%s\" label=\"", n->id);
		esc(&b, n->label, 0);
		av_buf_printf(&b, "\" kind=\"%s\"", av_dg_kind_name(n->kind));
		if (n->party != AV_DG_NONE)
			av_buf_printf(&b, " party=\"%s\"", g->parties[n->party].id);
		if (n->nholders > 0) {
			av_buf_adds(&b, " holders=\"");
			for (k = 0; k < n->nholders; k++) {
				if (k > 0)
					av_buf_adds(&b, "; ");
				esc(&b, n->holders[k], 0);
			}
			av_buf_addc(&b, '"');
		}
		av_buf_adds(&b, "/>\n");
	}
	for (i = 0; i < g->nedges; i++)
		av_buf_printf(&b, "  <d:edge from=\"%s\" to=\"%s\" type=\"%s\"/>\n", g->nodes[g->edges[i].from].id,
		    g->nodes[g->edges[i].to].id, av_dg_rel_name(g->edges[i].rel));
	av_buf_adds(&b, "</d:diagram>\n");
	return av_buf_take(&b);
}

char *
dg_gen_dot(const struct av_dg_graph *g)
{
	struct av_buf b = {0};
	size_t i, k;

	av_buf_adds(&b, "digraph chart {\n"
	    "  graph [rankdir=TB, splines=ortho, nodesep=0.25, ranksep=0.4];\n"
	    "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0f8\", fontname=\"Open Sans\", fontsize=10];\n"
	    "  edge [arrowhead=none];\n");
	for (i = 0; i < g->nnodes; i++) {
		const struct av_dg_node *n = &g->nodes[i];
		av_buf_printf(&b, "  %s [label=\"", n->id);
		esc(&b, n->label, 1);
		for (k = 0; k < n->nholders; k++) {
			av_buf_adds(&b, k == 0 ? "\\n" : ", ");
			esc(&b, n->holders[k], 1);
		}
		av_buf_adds(&b, "\"];\n");
	}
	for (i = 0; i < g->nedges; i++) {
		const struct av_dg_edge *e = &g->edges[i];
		const char *from = g->nodes[e->from].id, *to = g->nodes[e->to].id;
		switch (e->rel) {
		case AV_DG_REPORTS_TO:
		case AV_DG_MEMBER_OF:
			av_buf_printf(&b, "  %s -> %s;\n", to, from);
			break;
		case AV_DG_ADVISES:
			av_buf_printf(&b, "  %s -> %s [style=dashed, constraint=false];\n", from, to);
			break;
		case AV_DG_SUPPORTS:
			av_buf_printf(&b, "  %s -> %s [style=dotted, constraint=false];\n", from, to);
			break;
		case AV_DG_ESCALATES_TO:
			av_buf_printf(&b, "  %s -> %s [style=dashed, arrowhead=normal, constraint=false];\n", from, to);
			break;
		case AV_DG_REL__COUNT:
			break;
		}
	}
	av_buf_adds(&b, "}\n");
	return av_buf_take(&b);
}
