/* diag_codes.h -- every diagnostic ansvar can give: code, severity, stable name.
 *
 * Included with AV_DIAG defined (an X-macro).  The name is what tests and
 * the man page use; the message text is written where the diagnostic is
 * raised (printf-style, checked by the compiler).  Keep each stage's codes
 * in its own section. */

/* General: files, command line, output. */
AV_DIAG(IO, ERROR, "io")                       /* cannot read or write a file */
AV_DIAG(USAGE, ERROR, "usage")                 /* bad option or argument */
AV_DIAG(LIMIT, ERROR, "limit")                 /* input exceeds a documented limit */
AV_DIAG(INTERNAL, ERROR, "internal")           /* a library failed unexpectedly */

/* Loading and validating a collaboration (load.c, validate.c). */
AV_DIAG(XML_SYNTAX, ERROR, "xml-syntax")       /* not well-formed XML */
AV_DIAG(XML_ENCODING, ERROR, "encoding")       /* invalid UTF-8 or unsupported encoding */
AV_DIAG(XML_DTD, ERROR, "dtd")                 /* DTDs and entity declarations refused */
AV_DIAG(XML_ENTITY, ERROR, "entity")           /* entity reference refused */
AV_DIAG(XML_DEPTH, ERROR, "depth")             /* nesting deeper than the limit */
AV_DIAG(SCHEMA, ERROR, "schema")               /* a RELAX NG schema violation */
AV_DIAG(UNKNOWN_ELEMENT, ERROR, "unknown-element")
AV_DIAG(UNKNOWN_ATTRIBUTE, ERROR, "unknown-attribute")
AV_DIAG(MISSING_ELEMENT, ERROR, "missing-element")
AV_DIAG(MISSING_ATTRIBUTE, ERROR, "missing-attribute")
AV_DIAG(BAD_VALUE, ERROR, "bad-value")         /* attribute value not of its type */
AV_DIAG(BAD_ID, ERROR, "bad-id")               /* id syntax */
AV_DIAG(DUPLICATE_ID, ERROR, "duplicate-id")
AV_DIAG(RESERVED_ID, ERROR, "reserved-id")     /* role id "organisation" */
AV_DIAG(UNKNOWN_REF, ERROR, "unknown-reference")
AV_DIAG(CYCLE, ERROR, "cycle")                 /* reports-to/member-of cycle */
AV_DIAG(BAD_DATE, ERROR, "bad-date")
AV_DIAG(DATE_ORDER, ERROR, "date-order")
AV_DIAG(BAD_LANG, ERROR, "bad-language")
AV_DIAG(BAD_VERSION, ERROR, "bad-version")
AV_DIAG(BAD_LOGO, ERROR, "bad-logo")
AV_DIAG(DUPLICATE_COLLAB, ERROR, "duplicate-collaboration")

/* Lint: the guidance's advice (lint.c).  Warnings; errors under --strict. */
AV_DIAG(LINT_NO_OWNER, WARNING, "no-owner")
AV_DIAG(LINT_NO_LEAD, WARNING, "no-lead")
AV_DIAG(LINT_OWNER_IS_LEAD, WARNING, "owner-is-lead")
AV_DIAG(LINT_MISSING_SECTION, WARNING, "missing-section")
AV_DIAG(LINT_NO_ESCALATION, WARNING, "no-escalation")
AV_DIAG(LINT_SAME_NAME, WARNING, "same-name")
AV_DIAG(LINT_UNRELATED, WARNING, "unrelated-role")
AV_DIAG(LINT_SELF_RELATION, WARNING, "self-relation")

/* The XSL-FO formatter (fo_*.c). */
AV_DIAG(FO_SYNTAX, ERROR, "fo-syntax")         /* malformed FO document */
AV_DIAG(FO_UNSUPPORTED, WARNING, "fo-unsupported") /* element or property outside the subset */
AV_DIAG(FO_BAD_VALUE, WARNING, "fo-bad-value") /* property value not understood */
AV_DIAG(FO_STRUCTURE, ERROR, "fo-structure")   /* required structure missing */
AV_DIAG(FO_NO_GLYPH, WARNING, "no-glyph")      /* a character the fonts cannot draw */
AV_DIAG(FO_OVERFLOW, WARNING, "overflow")      /* content that cannot fit its area */
AV_DIAG(FO_IMAGE, WARNING, "image")            /* external graphic missing or not PNG */
AV_DIAG(FO_LINK, WARNING, "link")              /* link to an id that does not exist */

/* The organisation diagram (diagram_*.c). */
AV_DIAG(DIAGRAM, WARNING, "diagram")           /* diagram content that cannot be drawn as asked */
AV_DIAG(DIAGRAM_INPUT, ERROR, "diagram-input") /* malformed d:diagram element */

/* Templates and rendering (transform.c, render.c, batch.c). */
AV_DIAG(TEMPLATE, ERROR, "template")           /* stylesheet cannot be loaded or fails */
AV_DIAG(TEMPLATE_WARNING, WARNING, "template-warning") /* libxml2/libxslt warning about a template */
AV_DIAG(TEMPLATE_MESSAGE, WARNING, "template-message") /* xsl:message from a template */
AV_DIAG(CHANGES, WARNING, "changes")           /* --changes-since input problem */

/* Hardening: untrusted input that is valid but unsafe to use as given (validate.c). */
AV_DIAG(DEVICE_NAME, WARNING, "device-name")   /* an id naming a Windows device (aux, con, ...) */
