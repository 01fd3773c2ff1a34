/*
 * A simulation model as plain bytes, so that a job's models reach MPI
 * worker ranks whatever built them (a scenario, an override, the planner's
 * staffing). The structs are copied as they are and every array they own
 * follows them; on reading, the pointers are replaced by fresh copies. Both
 * ends run the same binary, so layout and byte order agree.
 */
#include <stdlib.h>
#include <string.h>

#include "stats/model_wire.h"
#include "util/alloc.h"

#define WIRE_MAGIC 0x63636d6f64656c31ULL /* "ccmodel1" */

static void put(cc_wire *w, const void *p, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->len + n)
            cap *= 2;
        w->data = cc_xrealloc(w->data, cap);
        w->cap = cap;
    }
    if (n)
        memcpy(w->data + w->len, p, n);
    w->len += n;
}

/* An owned array: its element count, then its bytes. */
static void put_array(cc_wire *w, const void *p, size_t count, size_t elem)
{
    uint64_t n = p ? (uint64_t)count : 0;
    put(w, &n, sizeof n);
    if (n)
        put(w, p, count * elem);
}

static void put_dist(cc_wire *w, const cc_dist *d)
{
    put_array(w, d->values_s, d->n_values, sizeof(double));
}

void cc_wire_put(cc_wire *w, const void *p, size_t n)
{
    put(w, p, n);
}

void cc_wire_release(cc_wire *w)
{
    free(w->data);
    memset(w, 0, sizeof(*w));
}

void cc_simmodel_to_wire(cc_wire *w, const cc_simmodel *m)
{
    uint64_t magic = WIRE_MAGIC;
    size_t c, t, k;

    put(w, &magic, sizeof magic);
    put(w, m, sizeof(*m));
    for (c = 0; c < m->n_channels; c++) {
        const cc_sim_channel *ch = &m->channels[c];
        put(w, ch, sizeof(*ch));
        put_array(w, ch->arrival_rate, m->n_intervals, sizeof(double));
        put_array(w, ch->deflection, m->n_intervals, sizeof(double));
        put_array(w, ch->arrival_times_s, ch->n_arrival_times, sizeof(double));
        put_array(w, ch->bot.containment, m->n_intervals, sizeof(double));
        put_dist(w, &ch->handle);
        put_dist(w, &ch->wrapup);
        put_dist(w, &ch->patience);
        put_dist(w, &ch->bot.time);
        put_dist(w, &ch->bot.bounce.delay);
        put_dist(w, &ch->retrial.delay);
        for (k = 0; k < CC_SIM_MAX_TRANSFERS; k++)
            put_dist(w, &ch->transfers[k].delay);
    }
    for (t = 0; t < m->n_teams; t++) {
        const cc_sim_team *tm = &m->teams[t];
        put(w, tm, sizeof(*tm));
        put_array(w, tm->agents, m->n_intervals, sizeof(int));
        put_array(w, tm->shrinkage, m->n_intervals, sizeof(double));
        put_array(w, tm->skills, m->n_channels, sizeof(cc_sim_skill));
    }
}

/* ---- reading ---------------------------------------------------------------- */

static int get(cc_wire_reader *r, void *p, size_t n)
{
    if (n > r->len - r->pos)
        return -1;
    memcpy(p, r->data + r->pos, n);
    r->pos += n;
    return 0;
}

int cc_wire_get(cc_wire_reader *r, void *p, size_t n)
{
    return get(r, p, n);
}

/* Reads an array written by put_array into a fresh buffer (*out NULL when empty). */
static int get_array(cc_wire_reader *r, void **out, size_t elem, uint64_t max, size_t *count)
{
    uint64_t n;
    *out = NULL;
    if (get(r, &n, sizeof n) || n > max || n * elem > r->len - r->pos)
        return -1;
    if (count)
        *count = (size_t)n;
    if (!n)
        return 0;
    *out = cc_xmalloc((size_t)n * elem);
    return get(r, *out, (size_t)n * elem);
}

static int get_dist(cc_wire_reader *r, cc_dist *d)
{
    return get_array(r, (void **)&d->values_s, sizeof(double), UINT64_MAX / 16, &d->n_values);
}

/* Clears every pointer a raw struct copy brought along, so a failed read frees nothing foreign. */
static void clear_channel_pointers(cc_sim_channel *ch)
{
    size_t k;
    ch->arrival_rate = ch->deflection = ch->arrival_times_s = ch->bot.containment = NULL;
    ch->handle.values_s = ch->wrapup.values_s = ch->patience.values_s = NULL;
    ch->bot.time.values_s = ch->bot.bounce.delay.values_s = ch->retrial.delay.values_s = NULL;
    ch->handle.n_values = ch->wrapup.n_values = ch->patience.n_values = 0;
    ch->bot.time.n_values = ch->bot.bounce.delay.n_values = ch->retrial.delay.n_values = 0;
    for (k = 0; k < CC_SIM_MAX_TRANSFERS; k++) {
        ch->transfers[k].delay.values_s = NULL;
        ch->transfers[k].delay.n_values = 0;
    }
}

cc_status cc_simmodel_from_wire(cc_wire_reader *r, cc_simmodel **out, cc_error *err)
{
    cc_simmodel head, *m;
    uint64_t magic;
    size_t c, t, k, n;
    int bad = 0;

    if (get(r, &magic, sizeof magic) || magic != WIRE_MAGIC || get(r, &head, sizeof head) ||
        head.n_intervals > 100000000 || head.n_channels > 100000 || head.n_teams > 100000)
        return cc_error_setf(err, CC_EINVAL, "a model sent to a worker is damaged");
    m = cc_xcalloc(1, sizeof(*m));
    *m = head;
    m->channels = cc_xcalloc(head.n_channels ? head.n_channels : 1, sizeof(*m->channels));
    m->teams = cc_xcalloc(head.n_teams ? head.n_teams : 1, sizeof(*m->teams));
    m->n_channels = m->n_teams = 0;
    for (c = 0; c < head.n_channels && !bad; c++) {
        cc_sim_channel *ch = &m->channels[c];
        if (get(r, ch, sizeof(*ch))) {
            memset(ch, 0, sizeof(*ch));
            bad = 1;
            break;
        }
        clear_channel_pointers(ch);
        m->n_channels = c + 1;
        bad |= get_array(r, (void **)&ch->arrival_rate, sizeof(double), head.n_intervals, NULL);
        bad |= get_array(r, (void **)&ch->deflection, sizeof(double), head.n_intervals, NULL);
        bad |= get_array(r, (void **)&ch->arrival_times_s, sizeof(double), UINT64_MAX / 16, &n);
        if (!bad)
            ch->n_arrival_times = n;
        bad |= get_array(r, (void **)&ch->bot.containment, sizeof(double), head.n_intervals,
                         NULL);
        bad |= get_dist(r, &ch->handle);
        bad |= get_dist(r, &ch->wrapup);
        bad |= get_dist(r, &ch->patience);
        bad |= get_dist(r, &ch->bot.time);
        bad |= get_dist(r, &ch->bot.bounce.delay);
        bad |= get_dist(r, &ch->retrial.delay);
        for (k = 0; k < CC_SIM_MAX_TRANSFERS; k++)
            bad |= get_dist(r, &ch->transfers[k].delay);
    }
    for (t = 0; t < head.n_teams && !bad; t++) {
        cc_sim_team *tm = &m->teams[t];
        if (get(r, tm, sizeof(*tm))) {
            memset(tm, 0, sizeof(*tm));
            bad = 1;
            break;
        }
        tm->agents = NULL;
        tm->shrinkage = NULL;
        tm->skills = NULL;
        m->n_teams = t + 1;
        bad |= get_array(r, (void **)&tm->agents, sizeof(int), head.n_intervals, NULL);
        bad |= get_array(r, (void **)&tm->shrinkage, sizeof(double), head.n_intervals, NULL);
        bad |= get_array(r, (void **)&tm->skills, sizeof(cc_sim_skill), head.n_channels, NULL);
    }
    if (bad || m->n_channels != head.n_channels || m->n_teams != head.n_teams) {
        cc_simmodel_free(m);
        return cc_error_setf(err, CC_EINVAL, "a model sent to a worker is damaged");
    }
    *out = m;
    return CC_OK;
}
