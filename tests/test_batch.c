/* test_batch.c -- the worker pool (order, isolation, crashes) and the up-to-date stamps. */
#include "config.h"

#include <criterion/criterion.h>
#include <signal.h>
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
 * 5 dies by a signal when `crash` is set; each says which process ran it.
 * The signal is SIGKILL, which no sanitizer can intercept (AddressSanitizer
 * turns a SIGSEGV into an exit with status 1), so the worker's death is
 * the same in every build. */
static int crash;

static enum av_job_status
job(size_t i, void *ctx, struct av_diags *d)
{
	(void)ctx;
	if (crash && i == 5)
		raise(SIGKILL);
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
run_batch(size_t n, int jobs)
{
	struct log l = {0};
	struct av_batch_options opt = { jobs, NULL, NULL };
	cr_assert_eq(av_batch_run(n, job, report, &l, &opt), 0);
	cr_assert_eq(l.calls, n);
	return av_buf_take(&l.text);
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
	cr_assert(strstr(out, "5 2 ansvar: error: the worker rendering a job was killed by signal 9 (Killed) [internal]") != NULL, "%s", out);
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
