/* stamp.h -- whether outputs are up to date: a key over everything that shapes them, kept beside the outputs. */
#ifndef AV_STAMP_H
#define AV_STAMP_H

#include <stddef.h>

/* A running SHA-256 over labelled parts (the label keeps "ab"+"c" apart
 * from "a"+"bc").  Create with av_key_new(); av_key_end() returns the hex
 * digest (caller frees) and frees the key. */
struct av_key;
struct av_key *av_key_new(void);
void av_key_add(struct av_key *k, const char *label, const void *data, size_t len);
void av_key_adds(struct av_key *k, const char *label, const char *s);
/* Adds a file's bytes (or a marker that it could not be read). */
void av_key_add_file(struct av_key *k, const char *label, const char *path);
char *av_key_end(struct av_key *k);

/* What a stamp file records: the key the outputs were made from, the id
 * they were made for, the files besides the input that shaped them
 * (a logo), and the outputs' file names (relative to the output
 * directory, e.g. "C.pdf", "C/projektledare.pdf"). */
struct av_stamp {
	char *key;
	char *id;               /* may be NULL */
	char **deps;
	size_t ndeps, deps_cap;
	char **files;
	size_t nfiles, cap;
};

/* Reads a stamp file into *s (zero-initialised by the call).  -1 when it
 * is missing or not a stamp. */
int av_stamp_read(const char *path, struct av_stamp *s);
/* Writes a stamp file atomically. */
int av_stamp_write(const char *path, const struct av_stamp *s);
void av_stamp_add_file(struct av_stamp *s, const char *rel);
void av_stamp_add_dep(struct av_stamp *s, const char *path);
int av_stamp_has_file(const struct av_stamp *s, const char *rel);
/* Whether every file the stamp lists exists below `dir`. */
int av_stamp_outputs_exist(const struct av_stamp *s, const char *dir);
void av_stamp_free(struct av_stamp *s);

#endif
