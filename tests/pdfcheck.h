/* pdfcheck.h -- what tests ask of a PDF, read through poppler-glib: pages, text, outline, links, labels, destinations, metadata, fonts. */
#ifndef AV_TEST_PDFCHECK_H
#define AV_TEST_PDFCHECK_H

#include <stddef.h>
#include <time.h>

/*
 * A PDF opened for inspection.  Pages are numbered from 1, as a reader
 * counts them.  Strings handed out are the caller's to free (free(), not
 * g_free()); lists are freed with their own function.  Nothing here
 * asserts: a test decides what a result means.  Sizes and positions are
 * in points, with the origin at the page's top-left corner (as poppler
 * gives them).
 */
struct pc_pdf;

/* Opens `path`; NULL when poppler cannot read it (the reason is written to
 * stderr). */
struct pc_pdf *pc_open(const char *path);
void pc_close(struct pc_pdf *p);

int pc_pages(struct pc_pdf *p);
/* The page's width and height. */
void pc_page_size(struct pc_pdf *p, int page, double *w, double *h);
/* The page's text in reading order (poppler_page_get_text). */
char *pc_text(struct pc_pdf *p, int page);
/* The text of the strip of the page from `top` to `bottom` (pt from the
 * top edge): the body of a page without its header and footer. */
char *pc_text_between(struct pc_pdf *p, int page, double top, double bottom);
/* The text under a rectangle of the page: the characters whose centre
 * lies in it, in reading order (line ends kept when x1 is the left edge). */
char *pc_text_in(struct pc_pdf *p, int page, double x1, double y1, double x2, double y2);
/* Every page's text, one after the other. */
char *pc_text_all(struct pc_pdf *p);
/* The page label ("3", "Bilaga 3-1"); NULL when the page has none. */
char *pc_label(struct pc_pdf *p, int page);

/* The bookmarks, depth first, in the order a reader shows them. */
struct pc_bookmark {
	char *title;
	int depth;              /* 0 for the top level */
	int page;               /* where it goes; 0 when it goes nowhere */
};
struct pc_bookmark *pc_outline(struct pc_pdf *p, size_t *n);
void pc_outline_free(struct pc_bookmark *v, size_t n);

/* The links of one page. */
enum pc_link_kind {
	PC_LINK_INTERNAL,       /* to a page of this document */
	PC_LINK_URI,            /* to a URI */
	PC_LINK_OTHER           /* anything else (launch, named action, ...) */
};
struct pc_link {
	enum pc_link_kind kind;
	double x1, y1, x2, y2;  /* the active area, top-left origin, y1 < y2 */
	int dest_page;          /* INTERNAL: the page it goes to (named
	                           destinations resolved); 0 when unresolved */
	char *dest_name;        /* INTERNAL through a named destination: its name */
	char *uri;              /* URI: the address */
};
struct pc_link *pc_links(struct pc_pdf *p, int page, size_t *n);
void pc_links_free(struct pc_link *v, size_t n);

/* The page a named destination points at; 0 when there is no such name. */
int pc_dest_page(struct pc_pdf *p, const char *name);
/* Every named destination's name, sorted; NULL-terminated, free with
 * pc_strv_free(). */
char **pc_dest_names(struct pc_pdf *p);
void pc_strv_free(char **v);

/* The document information. */
struct pc_meta {
	char *title, *author, *subject, *creator, *producer; /* NULL when absent */
	time_t created;         /* (time_t)-1 when absent */
};
void pc_meta(struct pc_pdf *p, struct pc_meta *m);
void pc_meta_free(struct pc_meta *m);

/* The fonts used on any page: their names (subset prefix included),
 * sorted, NULL-terminated (free with pc_strv_free()); *not_embedded gets
 * the number of them that are not embedded. */
char **pc_fonts(struct pc_pdf *p, size_t *not_embedded);

/* The document language (/Lang of the catalog), read with qpdf, which
 * poppler-glib does not show; NULL when there is none. */
char *pc_lang(const char *path);

#endif
