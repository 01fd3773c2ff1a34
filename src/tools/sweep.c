/*
 * Expansion of what-if grids into per-point override lists. Splitting values
 * respects YAML flow brackets and quotes so list values can be swept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_sweep.h"

static char *trimmed_copy(const char *s, size_t n)
{
    char *out;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    out = cc_xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static void free_axis(cc_sweep_axis *axis)
{
    int i;
    for (i = 0; i < axis->n_values; i++)
        free(axis->values[i]);
    free(axis->values);
    free(axis->key);
}

cc_status cc_sweep_add_axis(cc_sweep *sweep, const char *spec, cc_error *err)
{
    const char *eq = strchr(spec, '='), *p, *start;
    cc_sweep_axis axis = {0};
    int depth = 0, i;
    char quote = 0;
    long points;

    if (!eq)
        return cc_error_setf(err, CC_EINVAL, "'%s' has no '='; expected KEY=V1,V2,...", spec);
    if (sweep->n_axes >= CC_SWEEP_MAX_AXES)
        return cc_error_setf(err, CC_EINVAL, "too many varied keys; at most %d allowed",
                             CC_SWEEP_MAX_AXES);
    axis.key = trimmed_copy(spec, (size_t)(eq - spec));
    if (!axis.key[0]) {
        free(axis.key);
        return cc_error_setf(err, CC_EINVAL, "'%s' has an empty key; expected KEY=V1,V2,...",
                             spec);
    }
    for (i = 0; i < sweep->n_axes; i++) {
        if (!strcmp(sweep->axes[i].key, axis.key)) {
            cc_status st = cc_error_setf(err, CC_EINVAL, "key '%s' is varied twice", axis.key);
            free(axis.key);
            return st;
        }
    }
    for (p = start = eq + 1;; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            else if (!*p)
                break;
            continue;
        }
        if (*p == '"' || *p == '\'')
            quote = *p;
        else if (*p == '[' || *p == '{')
            depth++;
        else if ((*p == ']' || *p == '}') && depth > 0)
            depth--;
        if (*p == '\0' || (*p == ',' && depth == 0)) {
            char *v = trimmed_copy(start, (size_t)(p - start));
            if (!v[0]) {
                free(v);
                free_axis(&axis);
                return cc_error_setf(err, CC_EINVAL, "'%s' has an empty value; expected "
                                     "KEY=V1,V2,...", spec);
            }
            axis.values = cc_xrealloc(axis.values, (size_t)(axis.n_values + 1) * sizeof(char *));
            axis.values[axis.n_values++] = v;
            if (!*p)
                break;
            start = p + 1;
        }
    }
    if (quote || depth) {
        free_axis(&axis);
        return cc_error_setf(err, CC_EINVAL, "'%s' has an unclosed %s", spec,
                             quote ? "quote" : "bracket");
    }
    points = cc_sweep_n_points(sweep) * axis.n_values;
    if (points > CC_SWEEP_MAX_POINTS) {
        free_axis(&axis);
        return cc_error_setf(err, CC_EINVAL, "the grid would have %ld points; at most %ld allowed",
                             points, CC_SWEEP_MAX_POINTS);
    }
    sweep->axes = cc_xrealloc(sweep->axes, (size_t)(sweep->n_axes + 1) * sizeof(*sweep->axes));
    sweep->axes[sweep->n_axes++] = axis;
    return CC_OK;
}

long cc_sweep_n_points(const cc_sweep *sweep)
{
    long n = 1;
    int i;
    for (i = 0; i < sweep->n_axes; i++)
        n *= sweep->axes[i].n_values;
    return n;
}

void cc_sweep_point(const cc_sweep *sweep, long index, cc_override *out)
{
    int i;
    for (i = sweep->n_axes - 1; i >= 0; i--) {
        const cc_sweep_axis *a = &sweep->axes[i];
        out[i].path = a->key;
        out[i].value = a->values[index % a->n_values];
        index /= a->n_values;
    }
}

void cc_sweep_point_label(const cc_sweep *sweep, long index, char *buf, size_t cap)
{
    size_t used = 0;
    int i;
    long rest = index;
    long digit[CC_SWEEP_MAX_AXES];

    for (i = sweep->n_axes - 1; i >= 0; i--) {
        digit[i] = rest % sweep->axes[i].n_values;
        rest /= sweep->axes[i].n_values;
    }
    if (cap)
        buf[0] = '\0';
    for (i = 0; i < sweep->n_axes; i++) {
        /* The full key: two axes may end alike ("tier1.shifts[0].agents", "tier2...."). */
        if (used < cap)
            used += (size_t)snprintf(buf + used, cap - used, "%s%s=%s", i ? " " : "",
                                     sweep->axes[i].key, sweep->axes[i].values[digit[i]]);
    }
}

void cc_sweep_release(cc_sweep *sweep)
{
    int i;
    for (i = 0; i < sweep->n_axes; i++)
        free_axis(&sweep->axes[i]);
    free(sweep->axes);
    sweep->axes = NULL;
    sweep->n_axes = 0;
}
