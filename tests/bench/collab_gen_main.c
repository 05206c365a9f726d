/* collab_gen_main.c -- writes generated collaboration files for the batch benchmark. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collab_gen.h"
#include "util.h"

/* collab-gen COUNT SEED DIR: DIR/c0000.xml ... with 5 to 20 roles each, in
 * sv, nb and nn; the same arguments give the same files. */
int
main(int argc, char **argv)
{
	static const char *const langs[] = { "sv", "nb", "nn" };
	unsigned long count, seed;
	unsigned st;
	size_t i;
	int rc = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: collab-gen COUNT SEED DIR  (writes DIR/c0000.xml, ...)\n");
		return 2;
	}
	count = strtoul(argv[1], NULL, 10);
	seed = strtoul(argv[2], NULL, 10);
	st = (unsigned)seed | 1;
	if (av_mkdir_p(argv[3]) != 0) {
		perror(argv[3]);
		return 1;
	}
	for (i = 0; i < count && rc == 0; i++) {
		size_t roles = 5 + cg_next(&st) % 16;
		const char *lang = langs[cg_next(&st) % 3];
		char *id = av_xasprintf("c%04zu", i), *name = av_xasprintf("%s/%s.xml", argv[3], id);
		char *xml = cg_collab(id, roles, lang, cg_next(&st));
		if (av_write_atomic(name, xml, strlen(xml)) != 0) {
			perror(name);
			rc = 1;
		}
		free(xml);
		free(name);
		free(id);
	}
	return rc;
}
