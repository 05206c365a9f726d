/* diag.h -- diagnostics: codes with severities, collected per job, printed by main. */
#ifndef AV_DIAG_H
#define AV_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "ansvar.h"

enum av_severity {
	AV_SEV_NONE = 0,
	AV_SEV_WARNING,
	AV_SEV_ERROR
};

enum av_diag_code {
#define AV_DIAG(name, sev, tag) AV_D_##name,
#include "diag_codes.h"
#undef AV_DIAG
	AV_D__COUNT
};

struct av_diag {
	enum av_diag_code code;
	char *file;       /* owned; NULL when not about a file */
	int line, col;    /* 0 when unknown */
	char *msg;        /* owned */
};

/* A list of diagnostics.  Zero-initialise; free with av_diags_free(). */
struct av_diags {
	struct av_diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;
};

enum av_severity av_diag_severity(enum av_diag_code code);
const char *av_diag_name(enum av_diag_code code);

/* Records a diagnostic.  `loc` may be NULL (or have a NULL file / zero
 * line); the file name is copied. */
void av_diag(struct av_diags *d, enum av_diag_code code, const struct av_loc *loc,
    const char *fmt, ...) AV_PRINTF(4, 5);
void av_vdiag(struct av_diags *d, enum av_diag_code code, const struct av_loc *loc,
    const char *fmt, va_list ap);
/* Same, with the location given as file and line. */
void av_diag_at(struct av_diags *d, enum av_diag_code code, const char *file,
    int line, int col, const char *fmt, ...) AV_PRINTF(6, 7);

/* Moves every diagnostic of `src` to the end of `dst`; `src` is left empty. */
void av_diags_move(struct av_diags *dst, struct av_diags *src);
/* Appends a copy of every diagnostic of `src` to `dst`. */
void av_diags_copy(struct av_diags *dst, const struct av_diags *src);
/* Orders diagnostics by file, line and column, keeping the order of equal ones. */
void av_diags_sort(struct av_diags *d);
/* The worst severity recorded; under `strict` warnings count as errors. */
enum av_severity av_diags_worst(const struct av_diags *d, int strict);
int av_diags_has_errors(const struct av_diags *d);
/* Prints each diagnostic as "FILE:LINE:COL: error: message" (fewer parts
 * when unknown).  Under `strict` warnings are still labelled warnings. */
void av_diags_print(const struct av_diags *d, FILE *fp);
/* Writes the same lines into a string (for tests).  Caller frees. */
char *av_diags_format(const struct av_diags *d);
void av_diags_free(struct av_diags *d);

#endif
