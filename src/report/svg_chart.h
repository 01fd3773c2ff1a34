/*
 * Inline SVG charts for the HTML report: line/step charts with optional
 * confidence bands and a target line, grouped bar charts, and heatmaps.
 * Output is plain text with fixed number formats, so a chart is byte-stable
 * for the same data; every point carries an SVG <title>, which browsers show
 * on hover, so no script is needed.
 */
#ifndef CC_CHART_H
#define CC_CHART_H

#include <stddef.h>
#include <stdio.h>

/* One data series. */
typedef struct cc_chart_series {
    const char *name;         /* legend label */
    const double *y;          /* [n_points] values; NAN leaves a gap */
    const double *band_low;   /* optional [n_points] lower band (e.g. CI), NULL = none */
    const double *band_high;  /* optional [n_points] upper band */
    const char *color;        /* CSS colour */
    int step;                 /* 1: draw as a step line (value held over the interval) */
    int dashed;               /* 1: dashed stroke */
} cc_chart_series;

/* Axes and frame shared by the chart kinds. */
typedef struct cc_chart_frame {
    const char *id;           /* element id, unique in the page */
    const char *title;        /* heading drawn in the chart */
    const char *y_label;      /* unit of the values */
    const char *const *x_labels; /* [n_points] label of each point (interval, week...) */
    size_t n_points;          /* points per series */
    double y_min, y_max;      /* axis range; NAN = from the data */
    double target;            /* horizontal reference line; NAN = none */
    const char *target_label; /* legend text of the target line */
    int width, height;        /* pixels; 0 = 900 x 280 */
    const char *value_format; /* printf format of values in hover text, e.g. "%.1f" */
} cc_chart_frame;

/*
 * Sets up a frame with the defaults most charts take: the value axis from 0
 * to the data's maximum, no target line, the default size. Callers change
 * the fields that differ (y_min, y_max, target...).
 */
void cc_chart_frame_init(cc_chart_frame *frame, const char *id, const char *title,
                         const char *y_label, const char *const *x_labels, size_t n_points,
                         const char *value_format);

/* Writes a line (or step) chart of `n_series` series as one <svg> element. */
void cc_chart_lines(FILE *out, const cc_chart_frame *frame, const cc_chart_series *series,
                 size_t n_series);

/* The same chart inside the reports' white box (<div class="chartbox">). */
void cc_chart_lines_boxed(FILE *out, const cc_chart_frame *frame, const cc_chart_series *series,
                          size_t n_series);

/* Writes a grouped bar chart: one group per x label, one bar per series. */
void cc_chart_bars(FILE *out, const cc_chart_frame *frame, const cc_chart_series *series,
                size_t n_series);

/*
 * Writes a heatmap of values[row * n_cols + col] with a diverging colour scale
 * centred on `center` (values below in red, above in blue), or sequential when
 * `diverging` is 0. Row and column labels are drawn; every cell has a title.
 */
void cc_chart_heatmap(FILE *out, const char *id, const char *title, const char *const *row_labels,
                   size_t n_rows, const char *const *col_labels, size_t n_cols,
                   const double *values, int diverging, double center, const char *value_format);

/* Writes `text` with &, <, >, " and ' escaped for HTML and SVG. */
void cc_chart_escape(FILE *out, const char *text);

#endif
