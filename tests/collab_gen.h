/* collab_gen.h -- generated collaboration files of any number of roles, for the batch tests and benchmark. */
#ifndef AV_TEST_COLLAB_GEN_H
#define AV_TEST_COLLAB_GEN_H

#include <stddef.h>

/* A collaboration file (SPEC §3) with the id `id` and `nroles` roles (at
 * least 3) in the language `lang` ("sv", "nb" or "nn"): a steering group,
 * an owner and a project leader, then groups, members, reference groups,
 * support and benefit roles related to them; two to four parties,
 * holders, a history, a purpose, governance text and questions.  The
 * text is drawn from phrase lists, in the language, by a generator seeded
 * with `seed`, so the same arguments give the same bytes on any machine.
 * Roughly as much text per role as the samples.  It passes `ansvar check`
 * without warnings.  Caller frees. */
char *cg_collab(const char *id, size_t nroles, const char *lang, unsigned seed);

/* The generator cg_collab() uses (xorshift32), for callers that pick
 * sizes and languages the same way on every machine. */
unsigned cg_next(unsigned *state);

#endif
