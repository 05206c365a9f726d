/* diagram_gen.h -- generated organisation charts of any size, for the diagram's tests and benchmark. */
#ifndef AV_TEST_DIAGRAM_GEN_H
#define AV_TEST_DIAGRAM_GEN_H

#include <stddef.h>

#include "diagram.h"

enum {
	DG_GEN_DAG = 1,         /* some roles get a second reports-to/member-of parent */
	DG_GEN_STAFF = 2,       /* advisory and support roles beside the role they serve */
	DG_GEN_ESCALATE = 4,    /* escalation lines, some the hierarchy lacks */
	DG_GEN_HOLDERS = 8,     /* holders' names */
	DG_GEN_ALL = 15
};

/* An org chart of `n` roles in four parties: an owner over a steering
 * group over a project leader, sub-projects with their leads, groups of
 * members; Swedish role names, some long enough to wrap and hyphenate.
 * The same arguments give the same graph.  Caller frees with
 * av_dg_graph_free(). */
struct av_dg_graph *dg_gen(size_t n, unsigned flags, unsigned seed);

/* The graph as a d:diagram document.  Caller frees. */
char *dg_gen_xml(const struct av_dg_graph *g);
/* The same chart as Graphviz dot input (boxes, the labels, orthogonal
 * edges, top to bottom).  Caller frees. */
char *dg_gen_dot(const struct av_dg_graph *g);

#endif
