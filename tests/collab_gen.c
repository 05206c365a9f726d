/* collab_gen.c -- generated collaboration files of any number of roles, for the batch tests and benchmark. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "collab_gen.h"
#include "util.h"

/* The kinds of the roles after the first three, in turn. */
enum gen_kind { G_TEAM, G_MEMBER, G_REFERENCE, G_SUPPORT, G_BENEFITS, G_MANAGEMENT, G_NKINDS };

#define N 8     /* entries of every phrase list */

/* Everything a file says, in one language. */
struct words {
	const char *lang;
	const char *title, *subtitle, *issuer;
	const char *steering, *owner, *lead;    /* the first three roles' names */
	const char *kind_names[G_NKINDS];       /* followed by an area */
	const char *areas[N];
	const char *parties[4][2];              /* name, short name */
	const char *verbs[N], *objects[N], *tails[N];
	const char *expect[N], *authority[N], *latitude[N], *summary[N];
	const char *with;                       /* "together with" before a role-ref */
	const char *purpose[3], *governance[2], *questions[4], *revised[2];
	const char *first[N], *last[N], *titles[N];
};

static const struct words sv = {
	"sv", "Roller och ansvar", "Gemensamt utvecklingsarbete för", "Styrgruppen",
	"Styrgrupp", "Projektägare", "Projektledare",
	{ "Arbetsgrupp", "Medarbetare i", "Referensgrupp", "Verksamhetsstöd", "Mottagare", "Operativ ledning" },
	{ "digitalisering", "e-hälsa", "kompetensförsörjning", "barn och unga", "äldreomsorg",
	  "socialtjänst", "upphandling", "kommunikation" },
	{ { "Kommunerna i Norrbyn", "Kommunerna" }, { "Region Norrbyn", "Regionen" },
	  { "Länsstyrelsen i Norrbyn", "Länsstyrelsen" }, { "Norrbyns kommunalförbund", "Förbundet" } },
	{ "Ansvarar för", "Säkerställer", "Följer upp", "Samordnar", "Planerar", "Leder arbetet med",
	  "Rapporterar om", "Bereder beslut om" },
	{ "budgeten för delprojektet", "tidplanen och milstolparna", "kommunikationen med verksamheterna",
	  "riskanalysen och åtgärderna", "uppföljningen av effektmålen", "upphandlingen av konsulttjänster",
	  "utbildningen av medarbetarna", "dokumentationen av besluten" },
	{ ".", " varje kvartal.", " enligt projektplanen.", " tillsammans med kommunerna.",
	  " och informerar styrgruppen om avvikelser.", " inom ramen för budgeten.",
	  " så att verksamheterna kan planera.", " och föreslår förbättringar." },
	{ "Deltar i mötena och kommer väl förberedd.", "Förankrar besluten i den egna organisationen.",
	  "Ger synpunkter i tid så att arbetet inte försenas.", "Delar med sig av erfarenheter från verksamheten.",
	  "Håller sig informerad om hur arbetet fortskrider.", "Säger till i god tid när något inte fungerar.",
	  "Avsätter den tid som uppdraget kräver.", "Bidrar till ett öppet och respektfullt samarbetsklimat." },
	{ "Beslutar om arbetssätt inom delprojektet.", "Fördelar uppgifter mellan gruppens medlemmar.",
	  "Godkänner underlag innan de går vidare.", "Prioriterar mellan aktiviteterna i planen.",
	  "Beslutar om mindre ändringar i tidplanen.", "Kan kalla in expertstöd vid behov.",
	  "Avgör hur resultaten ska redovisas.", "Beslutar om inköp upp till en fastställd gräns." },
	{ "Rollen verkar inom de ramar som styrgruppen har beslutat.",
	  "Större ändringar av mål eller budget lyfts till projektägaren.",
	  "Inom sitt område väljer rollen själv hur arbetet ska läggas upp.",
	  "Frågor som rör flera huvudmän hanteras i styrgruppen.",
	  "Rollen kan ta egna initiativ så länge tidplanen hålls.",
	  "Avvikelser från planen rapporteras utan dröjsmål.",
	  "Rollen företräder arbetet i kontakter med verksamheterna.",
	  "Beslut som påverkar personalens arbetsmiljö tas av linjechefen." },
	{ "Håller ihop arbetet inom sitt område.", "Ser till att verksamhetens behov styr arbetet.",
	  "Bidrar med kunskap från sin egen verksamhet.", "Ger råd i frågor där gruppen behöver stöd.",
	  "Tar emot resultaten och ser till att de används.", "Leder det dagliga arbetet.",
	  "Stöttar projektledaren med administration och analys.", "Följer arbetet och bidrar med synpunkter." },
	"i samråd med",
	{ "Beskrivningen gör det tydligt vad varje roll ansvarar för och vad andra kan förvänta sig.",
	  "Den gäller för hela arbetet och bifogas projektplanen.",
	  "Roller som saknas eller överlappar tas upp i styrgruppen." },
	{ "Oenighet om prioriteringar lyfts först till projektägaren och därefter till styrgruppen.",
	  "Styrgruppen fattar det slutliga beslutet när parterna inte blir överens." },
	{ "Vilken roll har du, och vad förväntas av dig?", "Vem vänder du dig till när prioriteringarna krockar?",
	  "Vilka beslut får du fatta på egen hand?", "Hur vet du att arbetet ger avsedd effekt?" },
	{ "Rollerna för arbetsgrupperna förtydligades.", "En referensgrupp lades till." },
	{ "Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Sara", "Mikael" },
	{ "Lindqvist", "Berg", "Holmström", "Nyberg", "Sandberg", "Ekström", "Wallin", "Åberg" },
	{ "Kommundirektör", "Förvaltningschef", "Verksamhetsutvecklare", "Enhetschef", "Utredare",
	  "Regiondirektör", "Samordnare", "Avdelningschef" },
};

static const struct words nb = {
	"nb", "Roller og ansvar", "Felles utviklingsarbeid for", "Styringsgruppen",
	"Styringsgruppe", "Prosjekteier", "Prosjektleder",
	{ "Arbeidsgruppe", "Medarbeider i", "Referansegruppe", "Fagstøtte", "Mottaker", "Operativ ledelse" },
	{ "digitalisering", "e-helse", "rekruttering", "barn og unge", "eldreomsorg",
	  "sosialtjenesten", "innkjøp", "kommunikasjon" },
	{ { "Kommunene i Nordvik", "Kommunene" }, { "Nordvik fylkeskommune", "Fylkeskommunen" },
	  { "Statsforvalteren i Nordvik", "Statsforvalteren" }, { "KS Nordvik", "KS" } },
	{ "Har ansvar for", "Sørger for", "Følger opp", "Samordner", "Planlegger", "Leder arbeidet med",
	  "Rapporterer om", "Forbereder saker om" },
	{ "budsjettet for delprosjektet", "framdriftsplanen og milepælene", "kommunikasjonen med tjenestene",
	  "risikovurderingen og tiltakene", "oppfølgingen av gevinstene", "anskaffelsen av konsulenttjenester",
	  "opplæringen av de ansatte", "dokumentasjonen av vedtakene" },
	{ ".", " hvert kvartal.", " etter prosjektplanen.", " sammen med kommunene.",
	  " og varsler styringsgruppen om avvik.", " innenfor budsjettet.",
	  " slik at tjenestene kan planlegge.", " og foreslår forbedringer." },
	{ "Deltar på møtene og kommer godt forberedt.", "Forankrer beslutningene i egen virksomhet.",
	  "Gir innspill i tide slik at arbeidet ikke blir forsinket.", "Deler erfaringer fra tjenesten.",
	  "Holder seg orientert om hvordan arbeidet går.", "Sier fra i god tid når noe ikke fungerer.",
	  "Setter av den tiden oppdraget krever.", "Bidrar til et åpent og respektfullt samarbeid." },
	{ "Bestemmer arbeidsform i delprosjektet.", "Fordeler oppgaver mellom gruppens medlemmer.",
	  "Godkjenner underlag før de sendes videre.", "Prioriterer mellom aktivitetene i planen.",
	  "Bestemmer mindre endringer i framdriftsplanen.", "Kan hente inn ekspertbistand ved behov.",
	  "Avgjør hvordan resultatene skal rapporteres.", "Godkjenner innkjøp opp til en fastsatt grense." },
	{ "Rollen arbeider innenfor rammene styringsgruppen har vedtatt.",
	  "Større endringer i mål eller budsjett legges fram for prosjekteieren.",
	  "Innenfor sitt område velger rollen selv hvordan arbeidet legges opp.",
	  "Saker som angår flere virksomheter behandles i styringsgruppen.",
	  "Rollen kan ta egne initiativ så lenge framdriften holdes.",
	  "Avvik fra planen meldes uten opphold.",
	  "Rollen representerer arbeidet overfor tjenestene.",
	  "Beslutninger som berører arbeidsmiljøet tas av linjelederen." },
	{ "Holder sammen arbeidet innenfor sitt område.", "Sørger for at tjenestenes behov styrer arbeidet.",
	  "Bidrar med kunnskap fra egen virksomhet.", "Gir råd i saker der gruppen trenger støtte.",
	  "Tar imot resultatene og sørger for at de blir brukt.", "Leder det daglige arbeidet.",
	  "Støtter prosjektlederen med administrasjon og analyse.", "Følger arbeidet og gir innspill." },
	"i samråd med",
	{ "Beskrivelsen gjør det tydelig hva hver rolle har ansvar for og hva andre kan forvente.",
	  "Den gjelder for hele arbeidet og legges ved prosjektplanen.",
	  "Roller som mangler eller overlapper, tas opp i styringsgruppen." },
	{ "Uenighet om prioriteringer løftes først til prosjekteieren og deretter til styringsgruppen.",
	  "Styringsgruppen tar den endelige beslutningen når partene ikke blir enige." },
	{ "Hvilken rolle har du, og hva forventes av deg?", "Hvem går du til når prioriteringene kolliderer?",
	  "Hvilke beslutninger kan du ta på egen hånd?", "Hvordan vet du at arbeidet gir ønsket effekt?" },
	{ "Rollene for arbeidsgruppene ble tydeligere beskrevet.", "En referansegruppe ble lagt til." },
	{ "Ingrid", "Ola", "Kari", "Lars", "Silje", "Henrik", "Marte", "Øystein" },
	{ "Hansen", "Berg", "Solheim", "Nygård", "Haugen", "Lie", "Dahl", "Aasen" },
	{ "Kommunedirektør", "Kommunalsjef", "Rådgiver", "Enhetsleder", "Seniorrådgiver",
	  "Fylkesdirektør", "Koordinator", "Avdelingsleder" },
};

static const struct words nn = {
	"nn", "Roller og ansvar", "Felles utviklingsarbeid for", "Styringsgruppa",
	"Styringsgruppe", "Prosjekteigar", "Prosjektleiar",
	{ "Arbeidsgruppe", "Medarbeidar i", "Referansegruppe", "Fagstøtte", "Mottakar", "Operativ leiing" },
	{ "digitalisering", "e-helse", "rekruttering", "barn og unge", "eldreomsorg",
	  "sosialtenesta", "innkjøp", "kommunikasjon" },
	{ { "Kommunane i Vestdal", "Kommunane" }, { "Vestdal fylkeskommune", "Fylkeskommunen" },
	  { "Statsforvaltaren i Vestdal", "Statsforvaltaren" }, { "KS Vestdal", "KS" } },
	{ "Har ansvar for", "Syter for", "Følgjer opp", "Samordnar", "Planlegg", "Leier arbeidet med",
	  "Rapporterer om", "Førebur saker om" },
	{ "budsjettet for delprosjektet", "framdriftsplanen og milepælane", "kommunikasjonen med tenestene",
	  "risikovurderinga og tiltaka", "oppfølginga av gevinstane", "innkjøpet av konsulenttenester",
	  "opplæringa av dei tilsette", "dokumentasjonen av vedtaka" },
	{ ".", " kvart kvartal.", " etter prosjektplanen.", " saman med kommunane.",
	  " og varslar styringsgruppa om avvik.", " innanfor budsjettet.",
	  " slik at tenestene kan planleggje.", " og føreslår forbetringar." },
	{ "Deltek på møta og kjem godt førebudd.", "Forankrar avgjerdene i eiga verksemd.",
	  "Gjev innspel i tide slik at arbeidet ikkje blir forseinka.", "Deler røynsler frå tenesta.",
	  "Held seg orientert om korleis arbeidet går.", "Seier frå i god tid når noko ikkje fungerer.",
	  "Set av den tida oppdraget krev.", "Bidreg til eit ope og respektfullt samarbeid." },
	{ "Bestemmer arbeidsform i delprosjektet.", "Fordeler oppgåver mellom medlemene i gruppa.",
	  "Godkjenner underlag før dei blir sende vidare.", "Prioriterer mellom aktivitetane i planen.",
	  "Bestemmer mindre endringar i framdriftsplanen.", "Kan hente inn ekspertar ved behov.",
	  "Avgjer korleis resultata skal rapporterast.", "Godkjenner innkjøp opp til ei fastsett grense." },
	{ "Rolla arbeider innanfor rammene styringsgruppa har vedteke.",
	  "Større endringar i mål eller budsjett blir lagde fram for prosjekteigaren.",
	  "Innanfor sitt område vel rolla sjølv korleis arbeidet blir lagt opp.",
	  "Saker som gjeld fleire verksemder, blir handsama i styringsgruppa.",
	  "Rolla kan ta eigne initiativ så lenge framdrifta held.",
	  "Avvik frå planen blir melde utan opphald.",
	  "Rolla representerer arbeidet overfor tenestene.",
	  "Avgjerder som rører ved arbeidsmiljøet, blir tekne av linjeleiaren." },
	{ "Held saman arbeidet innanfor sitt område.", "Syter for at behova til tenestene styrer arbeidet.",
	  "Bidreg med kunnskap frå eiga verksemd.", "Gjev råd i saker der gruppa treng støtte.",
	  "Tek imot resultata og syter for at dei blir brukte.", "Leier det daglege arbeidet.",
	  "Støttar prosjektleiaren med administrasjon og analyse.", "Følgjer arbeidet og gjev innspel." },
	"i samråd med",
	{ "Skildringa gjer det tydeleg kva kvar rolle har ansvar for og kva andre kan vente seg.",
	  "Ho gjeld for heile arbeidet og blir lagd ved prosjektplanen.",
	  "Roller som manglar eller overlappar, blir tekne opp i styringsgruppa." },
	{ "Usemje om prioriteringar blir løfta først til prosjekteigaren og deretter til styringsgruppa.",
	  "Styringsgruppa tek den endelege avgjerda når partane ikkje blir samde." },
	{ "Kva rolle har du, og kva blir venta av deg?", "Kven går du til når prioriteringane kolliderer?",
	  "Kva avgjerder kan du ta på eiga hand?", "Korleis veit du at arbeidet gjev ønskt verknad?" },
	{ "Rollene for arbeidsgruppene vart tydelegare skildra.", "Ei referansegruppe vart lagd til." },
	{ "Ingrid", "Ola", "Kari", "Lars", "Silje", "Håkon", "Marte", "Øystein" },
	{ "Hauge", "Berg", "Solheim", "Nygard", "Haugland", "Li", "Dale", "Aasen" },
	{ "Kommunedirektør", "Kommunalsjef", "Rådgjevar", "Einingsleiar", "Seniorrådgjevar",
	  "Fylkesdirektør", "Koordinator", "Avdelingsleiar" },
};

unsigned
cg_next(unsigned *state)
{
	unsigned x = *state ? *state : 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static const char *
pick(const char *const *v, size_t n, unsigned *st)
{
	return v[cg_next(st) % n];
}

/* 1..max items of `v`, each once, as <item> elements. */
static void
items(struct av_buf *b, const char *el, const char *const *v, size_t min, size_t max, unsigned *st)
{
	size_t n = min + cg_next(st) % (max - min + 1), start = cg_next(st) % N, i;
	av_buf_printf(b, "    <%s>\n", el);
	for (i = 0; i < n; i++)
		av_buf_printf(b, "      <item>%s</item>\n", v[(start + i * 3) % N]);
	av_buf_printf(b, "    </%s>\n", el);
}

struct role {
	char id[32];
	const char *kind;
	char name[96];
};

char *
cg_collab(const char *id, size_t nroles, const char *lang, unsigned seed)
{
	const struct words *w = strcmp(lang, "nb") == 0 ? &nb : strcmp(lang, "nn") == 0 ? &nn : &sv;
	static const char *const kinds[G_NKINDS] = { "team", "member", "reference", "other", "benefits", "management" };
	static const char *const ids[G_NKINDS] = { "grupp", "medlem", "referens", "stod", "mottagare", "ledning" };
	struct av_buf b = {0};
	struct role *r;
	unsigned st = seed * 2654435761u + 1;
	size_t nparties = 2 + cg_next(&st) % 3, i, j, area = cg_next(&st) % N;
	size_t lastteam = 2;

	if (nroles < 3)
		nroles = 3;
	r = av_xcalloc(nroles, sizeof *r);
	snprintf(r[0].id, sizeof r[0].id, "styrgrupp");
	r[0].kind = "steering";
	snprintf(r[0].name, sizeof r[0].name, "%s", w->steering);
	snprintf(r[1].id, sizeof r[1].id, "agare");
	r[1].kind = "owner";
	snprintf(r[1].name, sizeof r[1].name, "%s", w->owner);
	snprintf(r[2].id, sizeof r[2].id, "ledare");
	r[2].kind = "lead";
	snprintf(r[2].name, sizeof r[2].name, "%s", w->lead);
	for (i = 3; i < nroles; i++) {
		size_t k = (i - 3) % G_NKINDS;
		snprintf(r[i].id, sizeof r[i].id, "%s-%zu", ids[k], i);
		r[i].kind = kinds[k];
		/* The area makes the name unique: a number once the areas are used up. */
		if (i - 3 < N)
			snprintf(r[i].name, sizeof r[i].name, "%s %s", w->kind_names[k], w->areas[(area + i) % N]);
		else
			snprintf(r[i].name, sizeof r[i].name, "%s %s %zu", w->kind_names[k], w->areas[(area + i) % N], i);
	}

	av_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	av_buf_printf(&b, "<collaboration id=\"%s\" version=\"1\" xml:lang=\"%s\">\n", id, w->lang);
	av_buf_printf(&b, "  <title>%s</title>\n  <subtitle>%s %s</subtitle>\n  <issuer>%s</issuer>\n",
	    w->title, w->subtitle, w->areas[area], w->issuer);
	av_buf_printf(&b, "  <purpose>\n    <p>%s %s</p>\n    <p>%s</p>\n  </purpose>\n", w->purpose[0], w->purpose[1],
	    w->purpose[2]);
	{
		unsigned y = 2015 + cg_next(&st) % 8, m = 1 + cg_next(&st) % 9, d = 1 + cg_next(&st) % 28;
		size_t nrev = cg_next(&st) % 3;
		av_buf_printf(&b, "  <history>\n    <decided date=\"%u-%02u-%02u\" by=\"%s\"/>\n", y, m, d, w->issuer);
		for (j = 0; j < nrev; j++)
			av_buf_printf(&b, "    <revised date=\"%u-%02u-%02u\" by=\"%s\">%s</revised>\n", y + 1 + (unsigned)j, m,
			    d, w->issuer, w->revised[j]);
		av_buf_printf(&b, "  </history>\n");
	}
	for (j = 0; j < nparties; j++)
		av_buf_printf(&b, "  <party id=\"p%zu\" name=\"%s\" short=\"%s\"/>\n", j, w->parties[j][0], w->parties[j][1]);

	for (i = 0; i < nroles; i++) {
		size_t nholders = i < 3 ? 1 : cg_next(&st) % 3, k = i >= 3 ? (i - 3) % G_NKINDS : 0;
		av_buf_printf(&b, "  <role id=\"%s\" kind=\"%s\">\n    <name>%s</name>\n", r[i].id, r[i].kind, r[i].name);
		av_buf_printf(&b, "    <summary>%s</summary>\n", pick(w->summary, N, &st));
		/* Responsibilities: composed, one of them naming a related role. */
		{
			size_t n = 2 + cg_next(&st) % 4, start = cg_next(&st) % N;
			av_buf_printf(&b, "    <responsibilities>\n");
			for (j = 0; j < n; j++) {
				const char *verb = w->verbs[(start + j) % N], *obj = w->objects[(start + 3 * j) % N];
				if (j == 1 && i > 0)
					av_buf_printf(&b, "      <item>%s %s %s <role-ref role=\"%s\"/>.</item>\n", verb, obj, w->with,
					    r[i == 1 ? 0 : i < 3 ? 1 : 2].id);
				else if (j == 2)
					av_buf_printf(&b, "      <item>%s <strong>%s</strong>%s</item>\n", verb, obj,
					    pick(w->tails, N, &st));
				else
					av_buf_printf(&b, "      <item>%s %s%s</item>\n", verb, obj, pick(w->tails, N, &st));
			}
			av_buf_printf(&b, "    </responsibilities>\n");
		}
		items(&b, "expectations", w->expect, 1, 3, &st);
		items(&b, "authority", w->authority, 1, 3, &st);
		{
			size_t a = cg_next(&st) % N;
			av_buf_printf(&b, "    <latitude>\n      <p>%s %s</p>\n    </latitude>\n", w->latitude[a],
			    w->latitude[(a + 5) % N]);
		}
		/* Holders: the owner and the lead never the same person. */
		for (j = 0; j < nholders; j++) {
			size_t f = (i * 3 + j) % N, l = (i * 5 + j * 7 + seed) % N;
			av_buf_printf(&b, "    <holder party=\"p%zu\" title=\"%s\">%s %s</holder>\n", (i + j) % nparties,
			    pick(w->titles, N, &st), w->first[f], w->last[l]);
		}
		/* Relations: a tree under the steering group, staff roles beside
		 * the lead, escalation up the line. */
		if (i == 1) {
			av_buf_printf(&b, "    <reports-to role=\"styrgrupp\"/>\n    <escalates-to role=\"styrgrupp\"/>\n");
		} else if (i == 2) {
			av_buf_printf(&b, "    <reports-to role=\"agare\"/>\n    <escalates-to role=\"agare\"/>\n");
		} else if (i > 2) {
			switch ((enum gen_kind)k) {
			case G_TEAM:
				av_buf_printf(&b, "    <reports-to role=\"ledare\"/>\n");
				lastteam = i;
				break;
			case G_MEMBER:
				av_buf_printf(&b, "    <member-of role=\"%s\"/>\n", r[lastteam].id);
				break;
			case G_REFERENCE:
				av_buf_printf(&b, "    <advises role=\"%s\"/>\n", r[lastteam].id);
				break;
			case G_SUPPORT:
				av_buf_printf(&b, "    <supports role=\"ledare\"/>\n");
				break;
			case G_BENEFITS:
				av_buf_printf(&b, "    <reports-to role=\"agare\"/>\n");
				break;
			case G_MANAGEMENT:
				av_buf_printf(&b, "    <reports-to role=\"styrgrupp\"/>\n    <supports role=\"ledare\"/>\n");
				break;
			case G_NKINDS:
			default:
				abort();
			}
		}
		av_buf_printf(&b, "  </role>\n");
	}
	av_buf_printf(&b, "  <governance>\n    <p>%s %s</p>\n  </governance>\n", w->governance[0], w->governance[1]);
	av_buf_printf(&b, "  <questions>\n");
	for (j = 0; j < 4; j++)
		av_buf_printf(&b, "    <item>%s</item>\n", w->questions[j]);
	av_buf_printf(&b, "  </questions>\n</collaboration>\n");
	free(r);
	return av_buf_take(&b);
}
