/* diagram_gen_main.c -- writes generated org charts as d:diagram and Graphviz dot files for the diagram benchmark. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram_gen.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct av_dg_graph *g;
	char *xml, *dot, *path;
	size_t n;
	int rc = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: diagram-gen ROLES SEED PREFIX  (writes PREFIX.xml and PREFIX.dot)\n");
		return 2;
	}
	n = (size_t)strtoul(argv[1], NULL, 10);
	g = dg_gen(n, DG_GEN_ALL, (unsigned)strtoul(argv[2], NULL, 10));
	xml = dg_gen_xml(g);
	dot = dg_gen_dot(g);
	path = av_xasprintf("%s.xml", argv[3]);
	if (av_write_atomic(path, xml, strlen(xml)) != 0)
		rc = 1;
	free(path);
	path = av_xasprintf("%s.dot", argv[3]);
	if (av_write_atomic(path, dot, strlen(dot)) != 0)
		rc = 1;
	free(path);
	free(xml);
	free(dot);
	av_dg_graph_free(g);
	return rc;
}
