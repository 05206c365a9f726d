/* batch.c -- runs one job per input in worker processes, reporting results in input order. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch.h"
#include "util.h"

/* fork() and pipes rather than threads for the jobs: pango, fontconfig
 * and libxslt keep process-wide state that is not safe to share between
 * threads, a crash in one document must not take the batch down, and
 * copy-on-write shares what the parent loaded once.  Inside a worker, one
 * more thread finishes a job (writes its files) while the next one runs.
 *
 * Protocol: the parent writes a job index (uint64) to a worker's command
 * pipe; the worker answers on its result pipe with messages: a header
 * (index, status, length) and that many bytes of formatted diagnostics
 * for a finished job, and a header with status READY (no bytes) when its
 * main thread is free for the next job.  Closing the command pipe tells
 * the worker to finish what it has and exit. */

#define READY UINT32_MAX

struct header {
	uint64_t index;
	uint32_t status;
	uint64_t len;
};

#define MAX_OUT 2       /* jobs a worker may have: one running, one finishing */

struct worker {
	pid_t pid;
	int cmd, res;           /* parent's ends; -1 when closed */
	int busy;               /* its main thread runs a job */
	long out[MAX_OUT];      /* the jobs it has not reported, -1 for none */
	struct av_buf in;       /* result bytes read and not yet handled */
};

struct result {
	int have;
	enum av_job_status status;
	char *diags;
};

int
av_processors(void)
{
	cpu_set_t set;
	long n;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static int
read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n > 0) {
		ssize_t r = read(fd, c, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static char *
format_diags(struct av_diags *d)
{
	char *text;
	av_diags_sort(d);
	text = av_diags_format(d);
	av_diags_free(d);
	return text;
}

/* Runs a job and what it left to finish, one after the other (a batch of
 * one, in this process). */
static enum av_job_status
run_one(size_t index, av_job_fn run, void *ctx, char **diags)
{
	struct av_diags d = {0};
	struct av_job_finish f = {0};
	enum av_job_status st = run(index, ctx, &d, &f);
	if (f.fn != NULL)
		st = f.fn(f.arg, &d);
	*diags = format_diags(&d);
	return st;
}

/*
 * A worker process: its main thread runs jobs; a finisher thread runs
 * what they leave to finish, one at a time, and reports them.
 */

struct finisher {
	pthread_mutex_t mu;     /* guards the fields below and writes to `res` */
	pthread_cond_t cv;
	int res;
	int has, quit;          /* a job handed over; no more will come */
	uint64_t index;
	struct av_diags d;
	struct av_job_finish f;
};

/* Sends one message; called with f->mu held. */
static void
send_msg(struct finisher *f, uint64_t index, uint32_t status, const char *diags)
{
	struct header h;
	memset(&h, 0, sizeof h);        /* no uninitialised padding on the wire */
	h.index = index;
	h.status = status;
	h.len = diags ? strlen(diags) : 0;
	if (av_write_all(f->res, &h, sizeof h) != 0 || av_write_all(f->res, diags, h.len) != 0)
		_exit(1);
}

static void *
finisher_main(void *arg)
{
	struct finisher *f = arg;

	pthread_mutex_lock(&f->mu);
	for (;;) {
		struct av_diags d;
		struct av_job_finish job;
		uint64_t index;
		enum av_job_status st;
		char *text;

		while (!f->has && !f->quit)
			pthread_cond_wait(&f->cv, &f->mu);
		if (!f->has)
			break;
		d = f->d;
		job = f->f;
		index = f->index;
		pthread_mutex_unlock(&f->mu);
		st = job.fn(job.arg, &d);
		text = format_diags(&d);
		pthread_mutex_lock(&f->mu);
		send_msg(f, index, (uint32_t)st, text);
		free(text);
		f->has = 0;
		pthread_cond_broadcast(&f->cv);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

static void
worker_main(int cmd, int res, av_job_fn run, void *ctx)
{
	struct finisher f;
	pthread_t th;
	uint64_t index;
	int threaded;

	signal(SIGPIPE, SIG_IGN);
	memset(&f, 0, sizeof f);
	pthread_mutex_init(&f.mu, NULL);
	pthread_cond_init(&f.cv, NULL);
	f.res = res;
	threaded = pthread_create(&th, NULL, finisher_main, &f) == 0;
	while (read_all(cmd, &index, sizeof index) == 0) {
		struct av_diags d = {0};
		struct av_job_finish fin = {0};
		enum av_job_status st = run((size_t)index, ctx, &d, &fin);

		if (fin.fn != NULL && threaded) {
			pthread_mutex_lock(&f.mu);
			while (f.has)
				pthread_cond_wait(&f.cv, &f.mu);
			f.has = 1;
			f.index = index;
			f.d = d;
			f.f = fin;
			pthread_cond_broadcast(&f.cv);
		} else {
			char *text;
			if (fin.fn != NULL)
				st = fin.fn(fin.arg, &d);
			text = format_diags(&d);
			pthread_mutex_lock(&f.mu);
			send_msg(&f, index, (uint32_t)st, text);
			free(text);
		}
		send_msg(&f, 0, READY, NULL);
		pthread_mutex_unlock(&f.mu);
	}
	if (threaded) {
		pthread_mutex_lock(&f.mu);
		f.quit = 1;
		pthread_cond_broadcast(&f.cv);
		pthread_mutex_unlock(&f.mu);
		pthread_join(th, NULL);
	}
	_exit(0);
}

static int
start_worker(struct worker *w, struct worker *all, size_t nall, av_job_fn run, void *ctx)
{
	int cp[2], rp[2];
	size_t i;

	if (pipe(cp) == -1)
		return -1;
	if (pipe(rp) == -1) {
		close(cp[0]);
		close(cp[1]);
		return -1;
	}
	fflush(NULL);
	w->pid = fork();
	if (w->pid == -1) {
		int e = errno;
		close(cp[0]); close(cp[1]); close(rp[0]); close(rp[1]);
		errno = e;
		return -1;
	}
	if (w->pid == 0) {
		/* The parent's ends of the other workers' pipes are not ours. */
		for (i = 0; i < nall; i++) {
			if (&all[i] == w)
				continue;
			if (all[i].cmd != -1)
				close(all[i].cmd);
			if (all[i].res != -1)
				close(all[i].res);
		}
		close(cp[1]);
		close(rp[0]);
		worker_main(cp[0], rp[1], run, ctx);
	}
	close(cp[0]);
	close(rp[1]);
	w->cmd = cp[1];
	w->res = rp[0];
	w->busy = 0;
	for (i = 0; i < MAX_OUT; i++)
		w->out[i] = -1;
	return 0;
}

static void
stop_worker(struct worker *w, int *wstatus)
{
	if (w->cmd != -1)
		close(w->cmd);
	if (w->res != -1)
		close(w->res);
	w->cmd = w->res = -1;
	while (waitpid(w->pid, wstatus, 0) == -1 && errno == EINTR)
		;
	w->pid = -1;
}

struct progress {
	FILE *fp;
	size_t done, n;
	int shown;
};

static void
progress_clear(struct progress *p)
{
	if (p->fp && p->shown) {
		fputs("\r\033[K", p->fp);
		fflush(p->fp);
		p->shown = 0;
	}
}

static void
progress_show(struct progress *p, const char *name)
{
	if (p->fp == NULL)
		return;
	fprintf(p->fp, "\r\033[K[%zu/%zu] %s", p->done, p->n, name ? name : "");
	fflush(p->fp);
	p->shown = 1;
}

/* Records a job's result (taking `diags`) and counts it done. */
static void
set_result(struct result *r, struct progress *prog, enum av_job_status st, char *diags)
{
	r->have = 1;
	r->status = st;
	r->diags = diags;
	prog->done++;
}

static int
has_out(const struct worker *w)
{
	size_t k;
	for (k = 0; k < MAX_OUT; k++)
		if (w->out[k] != -1)
			return 1;
	return 0;
}

/* Handles the complete messages read from a worker. */
static void
handle_messages(struct worker *w, struct result *results, struct progress *prog)
{
	size_t used = 0, k;
	struct header h;

	while (w->in.len - used >= sizeof h) {
		memcpy(&h, w->in.data + used, sizeof h);
		if (h.status == READY) {
			w->busy = 0;
		} else {
			if (w->in.len - used - sizeof h < h.len)
				break;
			for (k = 0; k < MAX_OUT; k++)
				if (w->out[k] != -1 && (uint64_t)w->out[k] == h.index) {
					w->out[k] = -1;
					set_result(&results[h.index], prog, (enum av_job_status)h.status,
					    av_xstrndup(w->in.data + used + sizeof h, h.len));
				}
			used += h.len;
		}
		used += sizeof h;
	}
	memmove(w->in.data, w->in.data + used, w->in.len - used);
	w->in.len -= used;
}

/* A worker died: its jobs fail. */
static void
worker_died(struct worker *w, struct result *results, struct progress *prog, const char *const *names)
{
	int status = 0;
	size_t k;

	stop_worker(w, &status);
	av_buf_free(&w->in);
	for (k = 0; k < MAX_OUT; k++) {
		long job = w->out[k];
		const char *name = names ? names[job] : "a job";
		if (job == -1)
			continue;
		w->out[k] = -1;
		if (WIFSIGNALED(status))
			set_result(&results[job], prog, AV_JOB_FAILED, av_xasprintf(
			    "ansvar: error: the worker rendering %s was killed by signal %d (%s) [internal]\n",
			    name, WTERMSIG(status), strsignal(WTERMSIG(status))));
		else
			set_result(&results[job], prog, AV_JOB_FAILED, av_xasprintf(
			    "ansvar: error: the worker rendering %s stopped unexpectedly [internal]\n", name));
	}
	w->busy = 0;
}

int
av_batch_run(size_t n, av_job_fn run, av_job_report_fn report, void *ctx,
    const struct av_batch_options *opt)
{
	struct result *results;
	struct worker *ws = NULL;
	struct pollfd *pfd = NULL;
	struct progress prog = { opt->progress, 0, n, 0 };
	size_t nw, next = 0, reported = 0, i;
	int jobs = opt->jobs > 0 ? opt->jobs : av_processors();
	void (*old_pipe)(int);
	int rc = 0;

	if (n == 0)
		return 0;
	if (n == 1) {
		char *diags;
		enum av_job_status st;
		progress_show(&prog, opt->names ? opt->names[0] : NULL);
		st = run_one(0, run, ctx, &diags);
		progress_clear(&prog);
		report(0, st, diags, ctx);
		free(diags);
		return 0;
	}

	/* A worker that died makes writes to its pipe fail with EPIPE rather
	 * than kill us. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	results = av_xcalloc(n, sizeof *results);
	nw = (size_t)jobs < n ? (size_t)jobs : n;
	ws = av_xcalloc(nw, sizeof *ws);
	pfd = av_xcalloc(nw, sizeof *pfd);
	for (i = 0; i < nw; i++) {
		ws[i].cmd = ws[i].res = -1;
		ws[i].pid = -1;
	}
	for (i = 0; i < nw; i++) {
		if (start_worker(&ws[i], ws, nw, run, ctx) != 0) {
			rc = -1;
			nw = i;
			break;
		}
	}
	if (nw == 0)
		goto out;
	rc = 0;

	progress_show(&prog, opt->names ? opt->names[0] : NULL);
	while (reported < n) {
		size_t np = 0;

		/* Give every worker whose main thread is free the next job;
		 * tell those with nothing more to come to finish. */
		for (i = 0; i < nw; i++) {
			struct worker *w = &ws[i];
			size_t k;
			if (w->pid == -1)
				continue;
			if (!w->busy && next < n) {
				uint64_t idx = next;
				for (k = 0; k < MAX_OUT && w->out[k] != -1; k++)
					;
				assert(k < MAX_OUT);
				if (av_write_all(w->cmd, &idx, sizeof idx) == 0) {
					w->out[k] = (long)next++;
					w->busy = 1;
				} else {
					/* It died while its main thread was free:
					 * what it was finishing fails; a new one
					 * takes its place. */
					worker_died(w, results, &prog, opt->names);
					if (start_worker(w, ws, nw, run, ctx) != 0)
						w->pid = -1;
					continue;
				}
			}
			if (!w->busy && next >= n && w->cmd != -1) {
				close(w->cmd);
				w->cmd = -1;
			}
		}
		for (i = 0; i < nw; i++)
			if (ws[i].pid != -1 && (ws[i].busy || has_out(&ws[i])))
				np++;
		if (np == 0) {
			/* Nothing runs: whatever is left could not be given to a
			 * worker. */
			for (i = reported; i < n; i++)
				if (!results[i].have)
					set_result(&results[i], &prog, AV_JOB_FAILED,
					    av_xstrdup("ansvar: error: no worker process could run this job [internal]\n"));
			next = n;
		} else {
			np = 0;
			for (i = 0; i < nw; i++) {
				if (ws[i].pid != -1 && (has_out(&ws[i]) || ws[i].busy)) {
					pfd[np].fd = ws[i].res;
					pfd[np].events = POLLIN;
					pfd[np].revents = 0;
					np++;
				}
			}
			if (poll(pfd, np, -1) == -1 && errno != EINTR) {
				rc = -1;
				break;
			}
			for (i = 0; i < nw; i++) {
				struct worker *w = &ws[i];
				char chunk[65536];
				ssize_t r;
				size_t k;
				int found = 0;

				if (w->pid == -1)
					continue;
				for (k = 0; k < np; k++)
					if (pfd[k].fd == w->res && pfd[k].revents)
						found = 1;
				if (!found)
					continue;
				r = read(w->res, chunk, sizeof chunk);
				if (r == -1 && errno == EINTR)
					continue;
				if (r > 0) {
					av_buf_add(&w->in, chunk, (size_t)r);
					handle_messages(w, results, &prog);
				} else {
					/* The worker died (or ended with jobs it
					 * never reported). */
					worker_died(w, results, &prog, opt->names);
					/* Replace it so the rest of the batch goes on. */
					if (next < n && start_worker(w, ws, nw, run, ctx) != 0)
						w->pid = -1;
				}
			}
		}
		/* Report what is complete, in input order. */
		while (reported < n && results[reported].have) {
			progress_clear(&prog);
			report(reported, results[reported].status, results[reported].diags, ctx);
			free(results[reported].diags);
			results[reported].diags = NULL;
			reported++;
		}
		if (reported < n)
			progress_show(&prog, opt->names ? opt->names[reported] : NULL);
	}
	progress_clear(&prog);
out:
	for (i = 0; i < nw; i++) {
		int st;
		if (ws[i].pid != -1)
			stop_worker(&ws[i], &st);
		av_buf_free(&ws[i].in);
	}
	for (i = 0; i < n; i++)
		free(results[i].diags);
	free(results);
	free(ws);
	free(pfd);
	signal(SIGPIPE, old_pipe);
	return rc;
}
