/* batch.c -- runs one job per input in worker processes, reporting results in input order. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch.h"
#include "util.h"

/* fork() and pipes rather than threads: pango, fontconfig and libxslt keep
 * process-wide state that is not safe to share between threads, a crash in
 * one document must not take the batch down, and copy-on-write shares what
 * the parent loaded once.
 *
 * Protocol: the parent writes a job index (uint64) to a worker's command
 * pipe; the worker answers on its result pipe with a header (index,
 * status, length) and that many bytes of formatted diagnostics.  Closing
 * the command pipe tells the worker to exit. */

struct header {
	uint64_t index;
	uint32_t status;
	uint64_t len;
};

struct worker {
	pid_t pid;
	int cmd, res;           /* parent's ends; -1 when closed */
	long job;               /* the job it is running, -1 when idle */
	struct av_buf in;       /* result bytes read so far */
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
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
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

static enum av_job_status
run_one(size_t index, av_job_fn run, void *ctx, char **diags)
{
	struct av_diags d = {0};
	enum av_job_status st = run(index, ctx, &d);
	av_diags_sort(&d);
	*diags = av_diags_format(&d);
	av_diags_free(&d);
	return st;
}

static void
worker_main(int cmd, int res, av_job_fn run, void *ctx)
{
	uint64_t index;

	signal(SIGPIPE, SIG_IGN);
	while (read_all(cmd, &index, sizeof index) == 0) {
		struct header h;
		char *diags;
		memset(&h, 0, sizeof h);        /* no uninitialised padding on the wire */
		h.index = index;
		h.status = run_one((size_t)index, run, ctx, &diags);
		h.len = strlen(diags);
		if (write_all(res, &h, sizeof h) != 0 || write_all(res, diags, h.len) != 0)
			_exit(1);
		free(diags);
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
	w->job = -1;
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

int
av_batch_run(size_t n, av_job_fn run, av_job_report_fn report, void *ctx,
    const struct av_batch_options *opt)
{
	struct result *results;
	struct worker *ws = NULL;
	struct pollfd *pfd = NULL;
	struct progress prog = { opt->progress, 0, n, 0 };
	size_t nw, next = 0, reported = 0, i, running = 0;
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

		/* Give every idle worker the next job; stop idle ones at the end. */
		for (i = 0; i < nw; i++) {
			struct worker *w = &ws[i];
			if (w->pid == -1)
				continue;
			if (w->job == -1 && next < n) {
				uint64_t idx = next;
				if (write_all(w->cmd, &idx, sizeof idx) == 0) {
					w->job = (long)next++;
					running++;
				} else {
					int st;
					stop_worker(w, &st);   /* it died while idle */
					continue;
				}
			}
			if (w->job == -1 && w->cmd != -1) {
				close(w->cmd);
				w->cmd = -1;
			}
		}
		if (running == 0) {
			/* Nothing runs: whatever is left could not be given to a
			 * worker. */
			for (i = reported; i < n; i++) {
				if (!results[i].have) {
					results[i].have = 1;
					results[i].status = AV_JOB_FAILED;
					results[i].diags = av_xstrdup("ansvar: error: no worker process could run this job [internal]\n");
				}
			}
			next = n;
		} else {
			for (i = 0; i < nw; i++) {
				if (ws[i].job != -1) {
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

				if (w->job == -1)
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
					struct header h;
					av_buf_add(&w->in, chunk, (size_t)r);
					if (w->in.len < sizeof h)
						continue;
					memcpy(&h, w->in.data, sizeof h);
					if (w->in.len < sizeof h + h.len)
						continue;
					if (h.index == (uint64_t)w->job) {
						results[h.index].have = 1;
						results[h.index].status = (enum av_job_status)h.status;
						results[h.index].diags = av_xstrndup(w->in.data + sizeof h, h.len);
					}
					av_buf_reset(&w->in);
					w->job = -1;
					running--;
					prog.done++;
				} else {
					/* The worker died in the middle of a job. */
					int ws_status = 0;
					size_t job = (size_t)w->job;
					const char *name = opt->names ? opt->names[job] : "a job";
					stop_worker(w, &ws_status);
					av_buf_free(&w->in);
					results[job].have = 1;
					results[job].status = AV_JOB_FAILED;
					if (WIFSIGNALED(ws_status))
						results[job].diags = av_xasprintf(
						    "ansvar: error: the worker rendering %s was killed by signal %d (%s) [internal]\n",
						    name, WTERMSIG(ws_status), strsignal(WTERMSIG(ws_status)));
					else
						results[job].diags = av_xasprintf(
						    "ansvar: error: the worker rendering %s stopped unexpectedly [internal]\n", name);
					w->job = -1;
					running--;
					prog.done++;
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
