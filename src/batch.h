/* batch.h -- runs one job per input in worker processes, reporting results in input order. */
#ifndef AV_BATCH_H
#define AV_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* What became of one job. */
enum av_job_status {
	AV_JOB_DONE = 0,        /* rendered (outputs written) */
	AV_JOB_UP_TO_DATE,      /* nothing needed rewriting */
	AV_JOB_FAILED           /* errors; previous outputs left untouched */
};

/* What a job may leave to be done after its main work: writing its
 * results, which waits on the disk more than it computes.  In a worker,
 * `fn` runs in a second thread while the worker's main thread starts the
 * next job, so the waiting overlaps the next job's work; the job is
 * reported once `fn` has returned its status (recording diagnostics in
 * `d` after the job's own).  `fn` must not use what jobs share and is not
 * thread-safe to use (pango, fontconfig, libxslt): writing files,
 * allocating and recording diagnostics are fine. */
struct av_job_finish {
	enum av_job_status (*fn)(void *arg, struct av_diags *d);
	void *arg;
};

/* Runs job `index`: records diagnostics in `d` and returns its status, or
 * sets `finish` (zeroed by the caller) to what is left to do: then the
 * job's status is what finish->fn returns.  In a worker process (or, for
 * a batch of one, in this one). */
typedef enum av_job_status (*av_job_fn)(size_t index, void *ctx, struct av_diags *d,
    struct av_job_finish *finish);

/* Called in the parent, in input order, once per job: its status and its
 * diagnostics already formatted as lines (see av_diags_format()). */
typedef void (*av_job_report_fn)(size_t index, enum av_job_status status,
    const char *diagnostics, void *ctx);

struct av_batch_options {
	int jobs;               /* worker processes; <= 0: number of processors */
	FILE *progress;         /* progress lines go here (a terminal), or NULL */
	const char *const *names; /* job names for the progress line, or NULL */
};

/* Runs jobs 0..n-1.  With more than one job, each runs in a worker process
 * forked from this one (so what the caller loaded before — fonts,
 * templates, patterns — is shared, and a crash fails only that job); one
 * job runs in this process.  A worker gets a new job as soon as its main
 * thread is free, while it may still be finishing the previous one.  A
 * worker that dies reports the jobs it had (at most two) as failed with a
 * diagnostic.  Calls `report` for every job in input order.  Returns 0,
 * or -1 when workers could not be started (errno set). */
int av_batch_run(size_t n, av_job_fn run, av_job_report_fn report, void *ctx,
    const struct av_batch_options *opt);

/* The number of processors available to this process (at least 1). */
int av_processors(void);

#endif
