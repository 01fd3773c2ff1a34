/*
 * The frame of the report pages (a run's and a forecast's report.html): the
 * document head with the style sheet they share, so both pages look alike
 * and a rule changed once changes both.
 */
#ifndef CC_HTML_PAGE_H
#define CC_HTML_PAGE_H

#include <stdio.h>

/*
 * Writes the page up to the opening of the header's <h1>: doctype, head
 * (with the mobile viewport line when `viewport` is 1), the title `title`
 * followed by `title_text` escaped (NULL for none), and the shared style
 * sheet with the page's own rules: `own_rules` after the page layout,
 * `own_table_rules` after the chart and table rules (either may be "").
 */
void cc_html_page_head(FILE *out, int viewport, const char *title, const char *title_text,
                       const char *own_rules, const char *own_table_rules);

#endif
