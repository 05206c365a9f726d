/* test_batch.c -- the worker pool (order, isolation, crashes) and the up-to-date stamps. */
#include "config.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "harness.h"
#include "stamp.h"
#include "util.h"

struct log {
	struct av_buf text;
	size_t calls;
	size_t failed;
};

/* Job i: odd jobs are up to date, every 7th fails with a diagnostic, job
 * 5 crashes when `crash` is set; each says which process ran it. */
static int crash;

static enum av_job_status
job(size_t i, void *ctx, struct av_diags *d, struct av_job_finish *finish)
{
	(void)ctx;
	(void)finish;
	if (crash && i == 5)
		abort();        /* a crash (SIGSEGV would be caught by AddressSanitizer) */
	if (i % 7 == 3) {
		av_diag_at(d, AV_D_IO, "in.xml", (int)i, 1, "job %zu failed", i);
		return AV_JOB_FAILED;
	}
	usleep((useconds_t)((i * 7919) % 5) * 1000);    /* finish out of order */
	return i % 2 ? AV_JOB_UP_TO_DATE : AV_JOB_DONE;
}

static void
report(size_t i, enum av_job_status st, const char *diags, void *ctx)
{
	struct log *l = ctx;
	cr_assert_eq(i, l->calls, "reports come in input order");
	l->calls++;
	if (st == AV_JOB_FAILED)
		l->failed++;
	av_buf_printf(&l->text, "%zu %d %s", i, (int)st, diags);
	av_buf_addc(&l->text, '\n');
}

static char *
run_jobs(size_t n, int jobs, av_job_fn fn)
{
	struct log l = {0};
	struct av_batch_options opt = { jobs, NULL, NULL };
	cr_assert_eq(av_batch_run(n, fn, report, &l, &opt), 0);
	cr_assert_eq(l.calls, n);
	return av_buf_take(&l.text);
}

static char *
run_batch(size_t n, int jobs)
{
	return run_jobs(n, jobs, job);
}

/* Jobs that leave work to finish: even jobs finish in another thread
 * (taking 20 to 60 ms), every 5th of them fails while finishing, job 6's
 * finishing crashes when `crash` is set; each job says whether it started
 * while another one of its process was not finished yet.  `finishing`
 * counts the work left and not yet finished: it goes up in the job that
 * leaves it, not when the finishing thread gets to run (on a loaded
 * machine that thread may start later than the next job, which must
 * still not wait for it). */
static _Atomic int finishing;

static enum av_job_status
finish_even(void *arg, struct av_diags *d)
{
	size_t i = (size_t)(uintptr_t)arg;
	enum av_job_status st = AV_JOB_DONE;
	if (crash && i == 6)
		abort();        /* a crash (SIGSEGV would be caught by AddressSanitizer) */
	usleep((useconds_t)(20 + (i * 7919) % 41) * 1000);
	if (i % 5 == 0) {
		av_diag_at(d, AV_D_IO, "out.pdf", (int)i, 1, "job %zu could not write", i);
		st = AV_JOB_FAILED;
	}
	finishing--;
	return st;
}

static enum av_job_status
job_finishing(size_t i, void *ctx, struct av_diags *d, struct av_job_finish *finish)
{
	(void)ctx;
	if (finishing > 0)
		av_diag_at(d, AV_D_IO, "in.xml", (int)i, 1, "started while another job was finishing");
	if (i % 2)
		return AV_JOB_UP_TO_DATE;
	finish->fn = finish_even;
	finish->arg = (void *)(uintptr_t)i;
	finishing++;
	return AV_JOB_DONE;
}

/* A log without the "started while ..." notes of jobs 0..n-1, which
 * differ from run to run; *notes gets their number. */
static char *
without_overlap_notes(const char *log, size_t n, size_t *notes)
{
	char *s = av_xstrdup(log);
	size_t i;
	*notes = 0;
	for (i = 0; i < n; i++) {
		char *note = av_xasprintf("in.xml:%zu:1: error: started while another job was finishing [io]\n", i);
		char *t = th_replace(s, note, "");
		*notes += strlen(t) < strlen(s);
		free(s);
		free(note);
		s = t;
	}
	return s;
}

Test(batch, finishing_overlaps_the_next_job)
{
	char *one, *two, *a, *b;
	size_t n1, n2;
	crash = 0;
	one = run_jobs(30, 1, job_finishing);
	two = run_jobs(30, 2, job_finishing);
	a = without_overlap_notes(one, 30, &n1);
	b = without_overlap_notes(two, 30, &n2);
	cr_assert_str_eq(a, b, "the same results in the same order:\n%s\n%s", one, two);
	cr_assert(strstr(a, "10 2 out.pdf:10:1: error: job 10 could not write [io]\n") != NULL, "%s", a);
	cr_assert(strstr(a, "12 0 \n") != NULL && strstr(a, "13 1 \n") != NULL, "%s", a);
	cr_assert_gt(n1, 5, "jobs start while the one before them finishes (%zu of 30):\n%s", n1, one);
	free(one);
	free(two);
	free(a);
	free(b);
}

Test(batch, a_crash_while_finishing_fails_that_worker_s_jobs)
{
	char *out, *p;
	size_t killed = 0, i, ok = 0;
	crash = 1;
	out = run_jobs(16, 2, job_finishing);
	cr_assert(strstr(out, "6 2 ansvar: error: the worker rendering a job was killed by signal 6") != NULL, "%s", out);
	/* Job 6 and at most the one its worker was running meanwhile. */
	for (p = out; (p = strstr(p, "killed by signal")) != NULL; p++)
		killed++;
	cr_assert(killed >= 1 && killed <= 2, "%s", out);
	/* The batch goes on: every other job is reported as it ran. */
	for (i = 0; i < 16; i++) {
		char *want = av_xasprintf("\n%zu %d ", i, i % 2 ? 1 : i % 10 == 0 ? 2 : 0), *hay = av_xasprintf("\n%s", out);
		ok += strstr(hay, want) != NULL;
		free(want);
		free(hay);
	}
	cr_assert_geq(ok, 14, "%s", out);
	free(out);
}

Test(batch, parallel_reports_equal_serial_in_input_order)
{
	char *one, *three, *many;
	crash = 0;
	one = run_batch(40, 1);
	three = run_batch(40, 3);
	many = run_batch(40, 64);
	cr_assert_str_eq(one, three);
	cr_assert_str_eq(one, many);
	cr_assert(strstr(one, "3 2 in.xml:3:1: error: job 3 failed [io]\n") != NULL, "%s", one);
	cr_assert(strstr(one, "4 0 \n") != NULL);
	cr_assert(strstr(one, "5 1 \n") != NULL);
	free(one);
	free(three);
	free(many);
}

Test(batch, a_crashing_job_fails_alone)
{
	char *out;
	crash = 1;
	out = run_batch(12, 2);
	cr_assert(strstr(out, "5 2 ansvar: error: the worker rendering a job was killed by signal 6") != NULL, "%s", out);
	cr_assert(strstr(out, "6 0 \n") != NULL, "the batch goes on after a crash: %s", out);
	cr_assert(strstr(out, "11 1 \n") != NULL);
	free(out);
}

Test(batch, single_job_runs_in_process)
{
	char *out;
	crash = 0;
	out = run_batch(1, 4);
	cr_assert_str_eq(out, "0 0 \n");
	free(out);
	cr_assert_geq(av_processors(), 1);
}

Test(stamp, keys_change_with_any_part)
{
	struct av_key *k;
	char *a, *b, *c;

	k = av_key_new(); av_key_adds(k, "input", "ab"); av_key_adds(k, "opt", "c"); a = av_key_end(k);
	k = av_key_new(); av_key_adds(k, "input", "a"); av_key_adds(k, "opt", "bc"); b = av_key_end(k);
	k = av_key_new(); av_key_adds(k, "input", "ab"); av_key_adds(k, "opt", "c"); c = av_key_end(k);
	cr_assert_str_neq(a, b, "parts are kept apart");
	cr_assert_str_eq(a, c, "the same parts give the same key");
	cr_assert_eq(strlen(a), 64);
	free(a); free(b); free(c);
}

Test(stamp, write_read_and_outputs)
{
	char *dir = th_tmpdir("stamp");
	char *path = av_path_join(dir, "c/.stamp"), *sub = av_path_join(dir, "c"), *f;
	struct av_stamp s = {0}, r;

	av_mkdir_p(sub);
	s.key = av_xstrdup("abc123");
	s.id = av_xstrdup("c");
	av_stamp_add_dep(&s, "/x/logo.png");
	av_stamp_add_file(&s, "c.pdf");
	av_stamp_add_file(&s, "c/ledare.pdf");
	cr_assert_eq(av_stamp_write(path, &s), 0);
	cr_assert_eq(av_stamp_read(path, &r), 0);
	cr_assert_str_eq(r.key, "abc123");
	cr_assert_str_eq(r.id, "c");
	cr_assert_eq(r.ndeps, 1);
	cr_assert_str_eq(r.deps[0], "/x/logo.png");
	cr_assert_eq(r.nfiles, 2);
	cr_assert(av_stamp_has_file(&r, "c/ledare.pdf"));
	cr_assert_not(av_stamp_has_file(&r, "c/other.pdf"));
	cr_assert_not(av_stamp_outputs_exist(&r, dir), "outputs missing");
	f = av_path_join(dir, "c.pdf"); th_write(f, "x"); free(f);
	f = av_path_join(dir, "c/ledare.pdf"); th_write(f, "x"); free(f);
	cr_assert(av_stamp_outputs_exist(&r, dir));
	av_stamp_free(&r);
	th_write(path, "not a stamp\n");
	cr_assert_eq(av_stamp_read(path, &r), -1);
	av_stamp_free(&s);
	free(path); free(sub); free(dir);
}
