/* test_model.c -- the collaboration model: dumps of the samples and fixtures, lookups, hashing, loading in threads. */
#include "config.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "model.h"
#include "util.h"

/* Loads `rel` (relative to the source tree, which becomes the working
 * directory, so that paths in the model are stable) and asserts it has no
 * errors. */

/* Compares the dump of every file in `dir` with tests/model/NAME.dump. */
static void
dumps_match(const char *dir)
{
	char *abs = th_src(dir);
	char **names = th_list(abs, ".xml");
	size_t i;

	cr_assert_not_null(names[0], "no collaboration files in %s", dir);
	for (i = 0; names[i]; i++) {
		char *rel = av_xasprintf("%s/%s", dir, names[i]);
		char *base = av_xstrndup(names[i], strlen(names[i]) - 4);
		char *exp_rel = av_xasprintf("tests/model/%s.dump", base);
		char *expected = th_src(exp_rel);
		struct av_collab *c = th_load_clean(rel);
		char *dump = av_collab_dump(c);

		cr_expect(th_matches_file(expected, dump), "model dump of %s differs", rel);
		free(dump);
		av_collab_free(c);
		free(expected);
		free(exp_rel);
		free(base);
		free(rel);
	}
	th_strv_free(names);
	free(abs);
}

Test(model, sample_dumps)
{
	dumps_match("samples");
}

Test(model, fixture_dumps)
{
	dumps_match("tests/model");
}

Test(model, samples_are_rich)
{
	static const char *const samples[] = {
		"samples/lansprojekt.xml", "samples/ungdomslos.xml", "samples/legevakt.xml"
	};
	static const enum av_lang langs[] = { AV_LANG_SV, AV_LANG_NB, AV_LANG_NN };
	size_t i, j, k, nstrong = 0;

	for (i = 0; i < 3; i++) {
		struct av_collab *c = th_load_clean(samples[i]);
		size_t given = 0, palette = 0;

		cr_expect_eq(c->lang, langs[i], "%s", samples[i]);
		cr_expect(c->nroles >= 7 && c->nroles <= 10, "%s: %zu roles", samples[i], c->nroles);
		for (j = 0; j < c->nparties; j++)
			*(c->parties[j].colour_given ? &given : &palette) += 1;
		cr_expect(given > 0 && palette > 0, "%s: parties with and without colours", samples[i]);
		for (j = 0; j < c->nroles; j++)
			for (k = 0; k < AV_SECTION__COUNT; k++)
				cr_expect(c->roles[j].sections[k].n > 0, "%s: role %s lacks %s",
				    samples[i], c->roles[j].id, av_section_name((enum av_section)k));
		cr_expect(c->history.has_decided && c->history.nrevised > 0, "%s", samples[i]);
		cr_expect(c->governance.n > 0 && c->questions.n > 0 && c->nwords > 0, "%s", samples[i]);
		cr_expect(strstr((const char *)c->bytes, "<link href=\"https://") != NULL, "%s", samples[i]);
		cr_expect(strstr((const char *)c->bytes, "<em>") != NULL, "%s", samples[i]);
		nstrong += strstr((const char *)c->bytes, "<strong>") != NULL;
		av_collab_free(c);
	}
	cr_expect(nstrong >= 2);
}

Test(model, lookups_and_locations)
{
	struct av_collab *c = th_load_clean("samples/lansprojekt.xml");
	const struct av_role *owner = av_collab_role(c, "projektagare");
	const struct av_role *lead = av_collab_role(c, "utvecklingsledare");
	const struct av_party *p = av_collab_party(c, "regionen");
	const struct av_loc *loc;
	const struct av_event *latest;
	char *text;
	size_t i;

	cr_assert_not_null(owner);
	cr_expect_eq(owner->kind, AV_KIND_OWNER);
	cr_expect_str_eq(owner->name, "Projektägare");
	cr_expect_null(av_collab_role(c, "projektägare"));
	cr_expect_null(av_collab_role(c, "finns-inte"));
	cr_assert_not_null(p);
	cr_expect_eq(p->colour, 0x009e73);
	cr_expect_null(av_collab_party(c, "kommun"));

	/* The role's element maps back to the role's location. */
	loc = av_collab_node_loc(c, owner->node);
	cr_assert_not_null(loc);
	cr_expect_eq(loc->line, owner->loc.line);
	cr_expect_eq(loc->col, owner->loc.col);
	cr_expect_eq(owner->loc.col, 3);

	/* Relations point at the roles they name. */
	for (i = 0; i < lead->nrelations; i++) {
		cr_expect_not_null(lead->relations[i].target);
		cr_expect_str_eq(lead->relations[i].target->id, lead->relations[i].target_id);
	}
	cr_expect_eq(lead->holders[0].party, p);

	latest = av_collab_latest(c);
	cr_assert_not_null(latest);
	cr_expect_str_eq(latest->date_text, "2013-05-27");
	cr_expect_eq(latest->date.year, 2013);
	cr_expect_eq(latest->date.month, 5);
	cr_expect_eq(latest->date.day, 27);

	/* Plain text of an item with a role reference: the role's name. */
	text = av_inline_text(owner->sections[AV_SECTION_EXPECTATIONS].v[0].first);
	cr_expect_str_eq(text, "Är tillgänglig för Utvecklingsledare/projektledare när beslut behövs.");
	free(text);

	cr_expect_str_eq(c->logo_path, "samples/lansprojekt-logo.png");
	cr_expect_not_null(c->doc);
	av_collab_free(c);
}

Test(model, input_hash_is_sha256_of_the_bytes)
{
	struct av_collab *c = th_load_clean("samples/legevakt.xml");
	char *out = NULL;

	cr_assert_eq(th_sh(&out, NULL, "sha256sum samples/legevakt.xml"), 0);
	cr_expect_eq(strncmp(out, c->sha256, 64), 0, "%s vs %s", out, c->sha256);
	cr_expect_eq(strlen(c->sha256), 64);
	free(out);
	av_collab_free(c);
}

/* b, loaded from a's file or bytes another way, without a diagnostic and
 * dumping as a does; b is freed. */
static void
expect_same_model(const struct av_collab *a, struct av_collab *b, const struct av_diags *d)
{
	char *da, *db;
	cr_assert_not_null(b);
	cr_expect_eq(d->n, 0);
	da = av_collab_dump(a);
	db = av_collab_dump(b);
	cr_expect_str_eq(da, db);
	free(da);
	free(db);
	av_collab_free(b);
}

/* A batch's worker loads each input again after the parent checked it
 * (av_collab_load_again): with the digest it had, the model is the same
 * as a full load's; with another (the file changed since), the schema's
 * checks run again and report what they find. */
Test(model, loading_again_gives_the_same_model_and_checks_changed_bytes)
{
	struct av_collab *a = th_load_clean("samples/lansprojekt.xml"), *bad;
	struct av_diags d = {0};

	expect_same_model(a, av_collab_load_again("samples/lansprojekt.xml", a->sha256, &d), &d);

	/* the bytes of tests/check/unknown-element.xml are not the sample's */
	bad = av_collab_load_again("tests/check/unknown-element.xml", a->sha256, &d);
	cr_expect(av_diags_has_errors(&d), "the changed file was checked");
	cr_expect_str_neq(bad ? bad->sha256 : "", a->sha256);
	{
		size_t i;
		int unknown = 0;
		for (i = 0; i < d.n; i++)
			unknown |= d.v[i].code == AV_D_UNKNOWN_ELEMENT;
		cr_expect(unknown, "av_schema_explain() ran: an unknown element is reported");
	}
	av_collab_free(bad);
	av_diags_free(&d);
	av_collab_free(a);
}

Test(model, buffer_and_file_give_the_same_model)
{
	struct av_collab *a = th_load_clean("samples/ungdomslos.xml");
	struct av_diags d = {0};

	expect_same_model(a, av_collab_load_buffer("samples/ungdomslos.xml", a->bytes, a->len, &d), &d);
	av_collab_free(a);
	av_diags_free(&d);
}

Test(model, names_round_trip)
{
	int i;
	for (i = 0; i < AV_KIND__COUNT; i++)
		cr_expect_eq(av_role_kind_parse(av_role_kind_name((enum av_role_kind)i)), i);
	for (i = 0; i < AV_REL__COUNT; i++)
		cr_expect_eq(av_rel_type_parse(av_rel_type_name((enum av_rel_type)i)), i);
	for (i = 0; i < AV_SECTION__COUNT; i++)
		cr_expect_eq(av_section_parse(av_section_name((enum av_section)i)), i);
	for (i = 0; i < AV_LANG__COUNT; i++)
		cr_expect_eq(av_lang_parse(av_lang_name((enum av_lang)i)), i);
	cr_expect_eq(av_lang_parse("no"), AV_LANG_NB);
	cr_expect_eq(av_lang_parse("se"), -1);
	cr_expect_eq(av_role_kind_parse("Owner"), -1);
	cr_expect_str_eq(av_rel_type_name(AV_REL_ESCALATES_TO), "escalates-to");
}

/* Several threads load the samples at once (the schema is loaded once,
 * error handlers are per parse): every load gives the same model. */
struct job {
	const char *path;
	const char *expected;
	int failures;
};

static void *
load_many(void *arg)
{
	struct job *j = arg;
	int i;
	for (i = 0; i < 5; i++) {
		struct av_diags d = {0};
		struct av_collab *c = av_collab_load(j->path, &d);
		char *dump = c ? av_collab_dump(c) : NULL;
		if (dump == NULL || strcmp(dump, j->expected) != 0 || d.n != 0)
			j->failures++;
		free(dump);
		av_collab_free(c);
		av_diags_free(&d);
	}
	return NULL;
}

Test(model, loads_in_parallel)
{
	static const char *const paths[] = {
		"samples/lansprojekt.xml", "samples/ungdomslos.xml", "samples/legevakt.xml",
		"samples/lansprojekt.xml"
	};
	struct job jobs[4];
	pthread_t t[4];
	char *expected[4];
	int i;

	cr_assert_eq(chdir(th_srcdir()), 0);
	for (i = 0; i < 4; i++) {
		char *rel = av_xasprintf("tests/model/%.*s.dump",
		    (int)(strlen(paths[i]) - strlen("samples/") - 4), paths[i] + strlen("samples/"));
		expected[i] = th_read(rel);
		cr_assert_not_null(expected[i], "%s", rel);
		free(rel);
		jobs[i].path = paths[i];
		jobs[i].expected = expected[i];
		jobs[i].failures = 0;
	}
	for (i = 0; i < 4; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, load_many, &jobs[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		cr_expect_eq(jobs[i].failures, 0, "%s: %d loads differed", paths[i], jobs[i].failures);
		free(expected[i]);
	}
}
