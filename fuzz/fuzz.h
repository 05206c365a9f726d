/* fuzz.h -- what the libFuzzer targets share: the data directory, fonts and handlers loaded once. */
#ifndef AV_FUZZ_H
#define AV_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry points: LLVMFuzzerInitialize() is fuzz.c's, once per
 * process: it points ANSVAR_DATADIR at the source tree unless it is set,
 * loads the fonts and registers the diagram's FO handler, and aborts with
 * a message when they cannot be loaded (a target that cannot run must not
 * report success).  Each target defines LLVMFuzzerTestOneInput(). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The name every input goes by in diagnostics; relative paths in it (a
 * logo, an external graphic) resolve against the current directory. */
#define FUZZ_NAME "fuzz.xml"

#endif
