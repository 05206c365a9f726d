/* ansvar.h -- conventions shared by every part of ansvar. */
#ifndef ANSVAR_H
#define ANSVAR_H

/*
 * The rules of this code base, stated once:
 *
 * Errors.  Functions that can fail return int: 0 on success, -1 on failure.
 * Functions returning a pointer return NULL on failure.  Cleanup happens at
 * one `err:` (or `out:`) label.  What went wrong for the *user* (bad input,
 * unreadable file, unsupported FO) is recorded as a diagnostic in a
 * `struct av_diags` passed in by the caller (diag.h); library code never
 * prints and never exits.  Only main.c and the command files (cmd_*.c)
 * print, and they print diagnostics only through av_diags_print().
 *
 * Memory.  Out of memory is not recoverable for a command-line program: the
 * av_x*alloc() wrappers (util.h) abort with a message.  Nothing else checks
 * for allocation failure.
 *
 * Ownership.  Every header says, function by function, who frees what.  By
 * default a function does not take ownership of its arguments and the caller
 * owns what it returns, freeing it with the matching *_free() function.
 * Where ownership is handed over, the source pointer is set to NULL.
 *
 * Names.  Every symbol visible outside its file starts with av_ (types:
 * struct av_*).  Everything else is static.
 *
 * Locations.  Every node built from an input file keeps where it came from
 * (struct av_loc), so any later stage can report FILE:LINE:COL.
 *
 * Switches over a kind enum cover every kind and end in an assertion.
 */

#include <stddef.h>

#define AV_UNUSED __attribute__((unused))
#define AV_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Where something came from in an input file.  `file` is not owned by the
 * location: it points at a string that outlives every node that uses it
 * (the loaded document's path).  Lines and columns count from 1; 0 means
 * unknown. */
struct av_loc {
	const char *file;
	int line;
	int col;
};

#endif
