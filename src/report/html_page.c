/*
 * The head of the report pages and the style sheet they share: page layout
 * (body, header, main, headings), the chart box and SVG chart classes drawn
 * by svg_chart.c, tables and the definitions list. Each page adds its own
 * rules in two places, so that rules later in the sheet still win as before.
 */
#include "report/html_page.h"
#include "report/svg_chart.h"

static const char *const page_rules =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "color:#222;background:#f6f7f9}\n"
    "header{background:#1d3557;color:#fff;padding:18px 28px}\n"
    "header h1{margin:0 0 4px;font-size:22px}header p{margin:2px 0;opacity:.85}\n"
    "main{padding:12px 28px 40px;max-width:1280px}\n"
    "h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #ccd;padding-bottom:4px}\n";

static const char *const chart_table_rules =
    ".chartbox{background:#fff;border-radius:8px;padding:8px;margin:12px 0;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12);overflow-x:auto}\n"
    "svg.chart{max-width:100%;height:auto;font-size:11px}\n"
    "svg .ctitle{font-size:14px;font-weight:600;fill:#222}\n"
    "svg .grid{stroke:#e3e3e3}svg .axis{stroke:#888}\n"
    "svg .ytick{text-anchor:end;fill:#555}svg .xtick{text-anchor:middle;fill:#555}\n"
    "svg .ylabel{text-anchor:middle;fill:#555}\n"
    "svg .series{fill:none;stroke-width:1.6}svg .series.dashed{stroke-dasharray:5 3}\n"
    "svg .band{opacity:.18;stroke:none}\n"
    "svg .target{stroke:#d62728;stroke-width:1.4;stroke-dasharray:6 4}\n"
    "svg .hover rect{fill:transparent}svg .hover rect:hover{fill:rgba(0,0,0,.06)}\n"
    "svg .legend text{fill:#333}\n"
    "table{border-collapse:collapse;background:#fff;font-size:13px;margin:8px 0}\n"
    "th,td{padding:4px 10px;border-bottom:1px solid #e4e4e4;text-align:right}\n"
    "th:first-child,td:first-child{text-align:left}th{background:#eef1f5}\n";

static const char *const definition_rules =
    "dl{background:#fff;padding:10px 16px;border-radius:8px}dt{font-weight:600;margin-top:6px}"
    "dd{margin:2px 0 0 12px}\n";

void cc_html_page_head(FILE *out, int viewport, const char *title, const char *title_text,
                       const char *own_rules, const char *own_table_rules)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
    if (viewport)
        fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
    fputs("<title>", out);
    fputs(title, out);
    if (title_text)
        cc_chart_escape(out, title_text);
    fputs("</title>\n<style>\n", out);
    fputs(page_rules, out);
    fputs(own_rules, out);
    fputs(chart_table_rules, out);
    fputs(own_table_rules, out);
    fputs(definition_rules, out);
    fputs("</style>\n</head>\n<body>\n<header><h1>", out);
}
