/*
 * SVG chart writer. Coordinates are printed with one decimal and values with
 * the caller's format, so the same data always gives the same bytes. Hover
 * text uses SVG <title> elements, which every browser shows without script.
 */
#include <math.h>
#include <string.h>

#include "report/svg_chart.h"

#define MARGIN_LEFT 64.0
#define MARGIN_RIGHT 16.0
#define MARGIN_TOP 34.0
#define MARGIN_BOTTOM 58.0

typedef struct plot_area {
    double x0, y0, w, h;      /* plotting rectangle, pixels */
    double vmin, vmax;        /* value range on the y axis */
} plot_area;

void cc_chart_escape(FILE *out, const char *text)
{
    for (; text && *text; text++) {
        switch (*text) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*text, out);
        }
    }
}

static void print_value(FILE *out, const char *format, double v)
{
    if (isnan(v)) {
        fputs("n/a", out);
        return;
    }
    /* The format comes from the report code, never from user input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    fprintf(out, format ? format : "%.3g", v);
#pragma GCC diagnostic pop
}

/* A "nice" tick step (1, 2 or 5 times a power of ten) for about n ticks. */
static double nice_step(double range, int n)
{
    double raw = range / n, mag, f;
    if (!(raw > 0))
        return 1.0;
    mag = pow(10.0, floor(log10(raw)));
    f = raw / mag;
    if (f <= 1.0) return mag;
    if (f <= 2.0) return 2.0 * mag;
    if (f <= 5.0) return 5.0 * mag;
    return 10.0 * mag;
}

static void data_range(const cc_chart_frame *fr, const cc_chart_series *s, size_t ns, double *lo,
                       double *hi)
{
    size_t i, k;
    double a = INFINITY, b = -INFINITY;
    for (k = 0; k < ns; k++) {
        for (i = 0; i < fr->n_points; i++) {
            double v[3] = {s[k].y[i], s[k].band_low ? s[k].band_low[i] : NAN,
                           s[k].band_high ? s[k].band_high[i] : NAN};
            int j;
            for (j = 0; j < 3; j++) {
                if (isfinite(v[j])) {
                    a = fmin(a, v[j]);
                    b = fmax(b, v[j]);
                }
            }
        }
    }
    if (isfinite(fr->target)) {
        a = fmin(a, fr->target);
        b = fmax(b, fr->target);
    }
    if (!isfinite(a)) {
        a = 0.0;
        b = 1.0;
    }
    if (a > 0.0 && a < 0.5 * b)
        a = 0.0; /* anchor at zero unless the data sit far from it */
    if (b <= a)
        b = a + 1.0;
    *lo = isnan(fr->y_min) ? a : fr->y_min;
    *hi = isnan(fr->y_max) ? b : fr->y_max;
    if (*hi <= *lo)
        *hi = *lo + 1.0;
}

static double px_y(const plot_area *p, double v)
{
    double t = (v - p->vmin) / (p->vmax - p->vmin);
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return p->y0 + p->h * (1.0 - t);
}

static void open_svg(FILE *out, const cc_chart_frame *fr, int width, int height)
{
    fprintf(out, "<svg class=\"chart\" id=\"");
    cc_chart_escape(out, fr->id);
    fprintf(out, "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                 "height=\"%d\" role=\"img\" aria-label=\"", width, height, width, height);
    cc_chart_escape(out, fr->title);
    fputs("\">\n", out);
    fprintf(out, "<text x=\"%.1f\" y=\"20\" class=\"ctitle\">", MARGIN_LEFT);
    cc_chart_escape(out, fr->title);
    fputs("</text>\n", out);
}

/* Axes, grid, y ticks and up to ~12 x labels. Returns the plotting area. */
static plot_area draw_axes(FILE *out, const cc_chart_frame *fr, int width, int height, double lo,
                           double hi, double slot)
{
    plot_area p;
    double step, t;
    size_t i, every;

    p.x0 = MARGIN_LEFT;
    p.y0 = MARGIN_TOP;
    p.w = width - MARGIN_LEFT - MARGIN_RIGHT;
    p.h = height - MARGIN_TOP - MARGIN_BOTTOM;
    step = nice_step(hi - lo, 5);
    p.vmin = floor(lo / step) * step;
    p.vmax = ceil(hi / step) * step;
    if (p.vmax <= p.vmin)
        p.vmax = p.vmin + step;
    fputs("<g class=\"axes\">\n", out);
    for (t = p.vmin; t <= p.vmax + 0.5 * step; t += step) {
        double y = px_y(&p, t);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
                p.x0, y, p.x0 + p.w, y);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"ytick\">%.6g</text>\n", p.x0 - 6,
                y + 4, fabs(t) < 1e-12 * step ? 0.0 : t);
    }
    fprintf(out, "<text x=\"12\" y=\"%.1f\" class=\"ylabel\" transform=\"rotate(-90 12 %.1f)\">",
            p.y0 + p.h / 2, p.y0 + p.h / 2);
    cc_chart_escape(out, fr->y_label);
    fputs("</text>\n", out);
    /*
     * One label per 110 pixels, or per the longest label's width (about 6.5
     * pixels a character at the tick font) when wider, so long labels such
     * as a sweep's "teams.inhouse.shifts[0].agents=48" never overlap; every
     * point keeps its full label in its hover title.
     */
    {
        size_t longest = 0, max_labels;
        double per_label;
        for (i = 0; fr->x_labels && i < fr->n_points; i++) {
            size_t len = fr->x_labels[i] ? strlen(fr->x_labels[i]) : 0;
            if (len > longest)
                longest = len;
        }
        per_label = fmax(110.0, 6.5 * (double)longest + 12.0);
        max_labels = (size_t)(p.w / per_label) + 1;
        every = fr->n_points > max_labels ? (fr->n_points + max_labels - 1) / max_labels : 1;
    }
    for (i = 0; fr->x_labels && i < fr->n_points; i += every) {
        double x = p.x0 + slot * ((double)i + 0.5);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"xtick\">", x, p.y0 + p.h + 16);
        cc_chart_escape(out, fr->x_labels[i]);
        fputs("</text>", out);
    }
    fprintf(out, "\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>\n",
            p.x0, p.y0 + p.h, p.x0 + p.w, p.y0 + p.h);
    fputs("</g>\n", out);
    return p;
}

static void draw_legend(FILE *out, const cc_chart_frame *fr, const cc_chart_series *s, size_t ns,
                        int height)
{
    double x = MARGIN_LEFT, y = height - 12.0;
    size_t k;
    fputs("<g class=\"legend\">", out);
    for (k = 0; k < ns; k++) {
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"4\" fill=\"%s\"/>", x,
                y - 5, s[k].color);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x + 16, y);
        cc_chart_escape(out, s[k].name);
        fputs("</text>", out);
        x += 28.0 + 7.0 * (double)strlen(s[k].name);
    }
    if (isfinite(fr->target)) {
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"target\"/>",
                x, y - 3, x + 12, y - 3);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x + 16, y);
        cc_chart_escape(out, fr->target_label ? fr->target_label : "target");
        fputs("</text>", out);
    }
    fputs("</g>\n", out);
}

static void draw_target(FILE *out, const cc_chart_frame *fr, const plot_area *p)
{
    double y;
    if (!isfinite(fr->target))
        return;
    y = px_y(p, fr->target);
    fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"target\">"
                 "<title>", p->x0, y, p->x0 + p->w, y);
    cc_chart_escape(out, fr->target_label ? fr->target_label : "target");
    fputs(": ", out);
    print_value(out, fr->value_format, fr->target);
    fputs("</title></line>\n", out);
}

void cc_chart_frame_init(cc_chart_frame *frame, const char *id, const char *title,
                         const char *y_label, const char *const *x_labels, size_t n_points,
                         const char *value_format)
{
    memset(frame, 0, sizeof(*frame));
    frame->id = id;
    frame->title = title;
    frame->y_label = y_label;
    frame->x_labels = x_labels;
    frame->n_points = n_points;
    frame->y_min = 0;
    frame->y_max = NAN;
    frame->target = NAN;
    frame->value_format = value_format;
}

void cc_chart_lines(FILE *out, const cc_chart_frame *fr, const cc_chart_series *s, size_t ns)
{
    int width = fr->width ? fr->width : 900, height = fr->height ? fr->height : 280;
    double lo, hi, slot;
    plot_area p;
    size_t k, i;

    data_range(fr, s, ns, &lo, &hi);
    slot = (width - MARGIN_LEFT - MARGIN_RIGHT) / (double)(fr->n_points ? fr->n_points : 1);
    open_svg(out, fr, width, height);
    p = draw_axes(out, fr, width, height, lo, hi, slot);

    for (k = 0; k < ns; k++) {
        /*
         * Confidence band: one polygon per run of points that have a band, over
         * the upper edge and back along the lower, so gaps stay gaps.
         */
        if (s[k].band_low && s[k].band_high) {
            size_t start = 0;
            while (start < fr->n_points) {
                size_t end;
                if (!isfinite(s[k].band_low[start]) || !isfinite(s[k].band_high[start])) {
                    start++;
                    continue;
                }
                end = start;
                while (end < fr->n_points && isfinite(s[k].band_low[end]) &&
                       isfinite(s[k].band_high[end]))
                    end++;
                fprintf(out, "<polygon class=\"band\" fill=\"%s\" points=\"", s[k].color);
                for (i = start; i < end; i++)
                    fprintf(out, "%.1f,%.1f ", p.x0 + slot * ((double)i + 0.5),
                            px_y(&p, s[k].band_high[i]));
                for (i = end; i-- > start;)
                    fprintf(out, "%.1f,%.1f ", p.x0 + slot * ((double)i + 0.5),
                            px_y(&p, s[k].band_low[i]));
                fputs("\"/>\n", out);
                start = end;
            }
        }
        fprintf(out, "<path class=\"series%s\" stroke=\"%s\" d=\"", s[k].dashed ? " dashed" : "",
                s[k].color);
        {
            int pen_down = 0;
            for (i = 0; i < fr->n_points; i++) {
                double v = s[k].y[i], y;
                if (!isfinite(v)) {
                    pen_down = 0;
                    continue;
                }
                y = px_y(&p, v);
                if (s[k].step) {
                    /* From the previous step's end, vertically to this value, then across. */
                    fprintf(out, "%s%.1f %.1fH%.1f", pen_down ? "L" : "M", p.x0 + slot * (double)i,
                            y, p.x0 + slot * (double)(i + 1));
                } else {
                    fprintf(out, "%s%.1f %.1f", pen_down ? "L" : "M",
                            p.x0 + slot * ((double)i + 0.5), y);
                }
                pen_down = 1;
            }
        }
        fputs("\"/>\n", out);
    }
    draw_target(out, fr, &p);

    /* Hover targets: one transparent column per point with every series' value. */
    fputs("<g class=\"hover\">", out);
    for (i = 0; i < fr->n_points; i++) {
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>",
                p.x0 + slot * (double)i, p.y0, slot, p.h);
        if (fr->x_labels)
            cc_chart_escape(out, fr->x_labels[i]);
        for (k = 0; k < ns; k++) {
            fputs("\n", out);
            cc_chart_escape(out, s[k].name);
            fputs(": ", out);
            print_value(out, fr->value_format, s[k].y[i]);
            if (s[k].band_low && s[k].band_high && isfinite(s[k].band_low[i])) {
                fputs(" [", out);
                print_value(out, fr->value_format, s[k].band_low[i]);
                fputs(", ", out);
                print_value(out, fr->value_format, s[k].band_high[i]);
                fputs("]", out);
            }
        }
        fputs("</title></rect>", out);
    }
    fputs("</g>\n", out);
    draw_legend(out, fr, s, ns, height);
    fputs("</svg>\n", out);
}

void cc_chart_lines_boxed(FILE *out, const cc_chart_frame *frame, const cc_chart_series *series,
                          size_t n_series)
{
    fputs("<div class=\"chartbox\">", out);
    cc_chart_lines(out, frame, series, n_series);
    fputs("</div>\n", out);
}

void cc_chart_bars(FILE *out, const cc_chart_frame *fr, const cc_chart_series *s, size_t ns)
{
    int width = fr->width ? fr->width : 900, height = fr->height ? fr->height : 280;
    double lo, hi, slot, bar;
    plot_area p;
    size_t k, i;

    data_range(fr, s, ns, &lo, &hi);
    if (lo > 0)
        lo = 0;
    slot = (width - MARGIN_LEFT - MARGIN_RIGHT) / (double)(fr->n_points ? fr->n_points : 1);
    bar = 0.8 * slot / (double)(ns ? ns : 1);
    open_svg(out, fr, width, height);
    p = draw_axes(out, fr, width, height, lo, hi, slot);
    for (i = 0; i < fr->n_points; i++) {
        for (k = 0; k < ns; k++) {
            double v = s[k].y[i], y0, y1;
            if (!isfinite(v))
                continue;
            y0 = px_y(&p, fmax(p.vmin, 0.0));
            y1 = px_y(&p, v);
            fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                         "height=\"%.1f\" fill=\"%s\"><title>",
                    p.x0 + slot * (double)i + 0.1 * slot + bar * (double)k, fmin(y0, y1), bar,
                    fabs(y0 - y1), s[k].color);
            if (fr->x_labels) {
                cc_chart_escape(out, fr->x_labels[i]);
                fputs(" — ", out);
            }
            cc_chart_escape(out, s[k].name);
            fputs(": ", out);
            print_value(out, fr->value_format, v);
            fputs("</title></rect>\n", out);
        }
    }
    draw_target(out, fr, &p);
    draw_legend(out, fr, s, ns, height);
    fputs("</svg>\n", out);
}

/* Interpolates between two RGB colours. */
static void mix(FILE *out, const int a[3], const int b[3], double t)
{
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    fprintf(out, "#%02x%02x%02x", (int)lround(a[0] + (b[0] - a[0]) * t),
            (int)lround(a[1] + (b[1] - a[1]) * t), (int)lround(a[2] + (b[2] - a[2]) * t));
}

void cc_chart_heatmap(FILE *out, const char *id, const char *title, const char *const *row_labels,
                   size_t n_rows, const char *const *col_labels, size_t n_cols,
                   const double *values, int diverging, double center, const char *value_format)
{
    static const int red[3] = {214, 69, 65}, white[3] = {247, 247, 247}, blue[3] = {49, 130, 189};
    double left = 90.0, top = 34.0, cell_w, cell_h = 14.0, vmin = INFINITY, vmax = -INFINITY,
           span;
    int width = 900, height;
    size_t r, c, every;

    for (r = 0; r < n_rows * n_cols; r++) {
        if (isfinite(values[r])) {
            vmin = fmin(vmin, values[r]);
            vmax = fmax(vmax, values[r]);
        }
    }
    if (!isfinite(vmin)) {
        vmin = 0.0;
        vmax = 1.0;
    }
    span = diverging ? fmax(fabs(vmax - center), fabs(center - vmin)) : vmax - vmin;
    if (!(span > 0))
        span = 1.0;
    cell_w = (width - left - 16.0) / (double)(n_cols ? n_cols : 1);
    height = (int)(top + cell_h * (double)n_rows + 40.0);
    fputs("<svg class=\"chart\" id=\"", out);
    cc_chart_escape(out, id);
    fprintf(out, "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                 "height=\"%d\" role=\"img\" aria-label=\"", width, height, width, height);
    cc_chart_escape(out, title);
    fprintf(out, "\">\n<text x=\"%.1f\" y=\"20\" class=\"ctitle\">", left);
    cc_chart_escape(out, title);
    fputs("</text>\n", out);
    for (r = 0; r < n_rows; r++) {
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"ytick\">", left - 6,
                top + cell_h * ((double)r + 0.75));
        cc_chart_escape(out, row_labels[r]);
        fputs("</text>", out);
        for (c = 0; c < n_cols; c++) {
            double v = values[r * n_cols + c];
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"",
                    left + cell_w * (double)c, top + cell_h * (double)r, cell_w, cell_h);
            if (!isfinite(v))
                fputs("#dddddd", out);
            else if (diverging && v < center)
                mix(out, white, red, (center - v) / span);
            else if (diverging)
                mix(out, white, blue, (v - center) / span);
            else
                mix(out, white, blue, (v - vmin) / span);
            fputs("\"><title>", out);
            cc_chart_escape(out, row_labels[r]);
            fputs(" ", out);
            cc_chart_escape(out, col_labels[c]);
            fputs(": ", out);
            print_value(out, value_format, v);
            fputs("</title></rect>", out);
        }
        fputs("\n", out);
    }
    every = n_cols > 12 ? (n_cols + 11) / 12 : 1;
    for (c = 0; c < n_cols; c += every) {
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"xtick\">", left + cell_w * ((double)c + 0.5),
                top + cell_h * (double)n_rows + 16);
        cc_chart_escape(out, col_labels[c]);
        fputs("</text>", out);
    }
    fputs("\n</svg>\n", out);
}
