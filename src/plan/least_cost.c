/*
 * Least-cost rosters verified by simulation.
 *
 * The roster programme (cc_plan_shifts_solve) chooses shift starts at the
 * fewest paid hours. Here it is given service rows instead of a fixed
 * requirement: for every channel and period of the channel's target scope
 * (an interval, a day, a week; a horizon target is planned week by week)
 * the contacts answered within T, summed over the period, must reach the
 * target share of the period's contacts, and the abandoned contacts and the
 * ASA must stay under their caps. What an extra agent of a team adds to
 * each figure in each interval comes from the Erlang curves of the
 * interval (Erlang A where customers abandon, else Erlang C), so the rows
 * are linear in the agents on duty: concave gains, filled in order, make
 * the programme exact for the analytic model. Because rows pool a whole
 * period, the programme may leave a quiet interval short where the shift
 * pattern gives another one a surplus: the pooled target, not every
 * interval, is what the business measures.
 *
 * Then simulation corrects the analytic model, as in the simulation-based
 * cutting-plane staffing of Atlason, Epelman and Henderson and the LP plus
 * simulation method of Cezik and L'Ecuyer: the roster is simulated on
 * common random numbers (the plan's seed); each period's curves are scaled
 * by the ratio of simulated to modelled late (and abandoned) contacts at the
 * roster just simulated (rho); a period that missed gets a cut, one agent
 * more than it had in its worst interval, kept for good (for a deferred
 * channel, inside the answer window of its latest arrivals); and the
 * programme is solved again. A period too many of whose contacts arrive
 * where no shift the rules allow can be on duty before their answer time
 * runs out cannot be met by any roster: it is left out and reported. A
 * search that has accepted no roster by round LC_HOLD_FROM holds the last
 * roster and only cuts from then on (hold_floors). The first rounds only repair the analytic roster: its
 * staffing raised by the cuts, no rows, until it meets (or LC_MAX_REPAIRS),
 * so the search holds a roster that meets before it trims. The rows aim at
 * the target plus a margin (the binomial
 * spread of the period's pooled share), a roster is accepted when the one
 * verdict rule (with its sampling tolerance) finds every judged period met
 * on the search's seed. The search stops when an accepted roster is not
 * beaten by 0.2% in the next round (or after LC_MAX_ROUNDS); the cheapest
 * accepted roster is then simulated on an independent seed; when that
 * verdict differs, the periods that missed get wider margins and cuts and
 * the search goes on (at most LC_MAX_CHECKS times). Without a roster
 * accepted on both seeds the plan keeps the last one accepted on the
 * search's seed and says so (converged: false).
 *
 * Multi-skill teams are pooled: a team's agents serve all its channels in
 * the simulation, and the offsets carry the pooling gain back into the
 * rows, so a team serving several channels is not sized as the sum of its
 * channels' separate requirements.
 */
#include <glpk.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "plan/least_cost_internal.h"
#include "stats/target.h"

#define LC_MAX_ROUNDS 20        /* programme + simulation rounds, the check's included */
#define LC_MIN_PERIOD_CONTACTS CC_JUDGE_MIN_CONTACTS /* the verdicts' traffic rule */
#define LC_MAX_STEPS 256        /* agents above the floor an interval may get */
#define LC_IMPROVE 0.002        /* a round must save this share of paid hours to go on */
#define LC_ROW_PENALTY 200.0    /* paid hours per agent-interval's worth of row shortfall */
#define LC_CHECK_SEED 0x9e3779b97f4a7c15ULL /* xor-ed into the seed of the independent check */
#define LC_CAP_STEP 0.95       /* a day whose deferred work ran late: its cap x this */
#define LC_STABLE_OCCUPANCY 0.99 /* the floor: servers at least the load / this */
#define LC_MIP_GAP 0.02         /* optimality gap of a round's programmes */
#define LC_MAX_CHECKS 4         /* checks on the independent seed that may send the search on */
#define LC_MAX_REPAIRS 6        /* rounds repairing the analytic roster by cuts alone */
#define LC_HOLD_FROM 12         /* from this round, without an accepted roster: hold and cut */
#define LC_FAMILY_MISS 0.05     /* chance the check seed finds any period missing, at most */
#define LC_NEAR_TRAFFIC 0.75    /* share of the traffic rule from which the search judges */


/* ---- periods --------------------------------------------------------------- */

static int channel_has_targets(const cc_channel *ch)
{
    return ch->target.service_level > 0 || ch->target.has_max_abandon || ch->target.has_max_asa;
}

/* Length in intervals of one period of channel c's scope (0 = one interval). */
static size_t scope_intervals(const search *S, size_t c)
{
    size_t ipd = (size_t)S->p->s->intervals_per_day;
    switch (S->m->channels[c].judging.scope) {
    case CC_SCOPE_DAY:
        return ipd;
    case CC_SCOPE_WEEK:
    case CC_SCOPE_HORIZON:
        /* A horizon target is planned week by week: the roster is solved so. */
        return 7 * ipd;
    default:
        return 1;
    }
}


static void build_periods(search *S)
{
    const cc_planner *p = S->p;
    for (size_t c = 0; c < S->nc; c++) {
        const cc_channel *ch = &p->s->channels[c];
        const cc_planner_channel *pc = &p->channels[c];
        size_t len = scope_intervals(S, c);
        if (!channel_has_targets(ch))
            continue;
        for (size_t a = 0; a < S->n; a += len) {
            size_t b = a + len - 1 < S->n ? a + len - 1 : S->n - 1;
            double sum = 0.0;
            for (size_t i = a; i <= b; i++)
                sum += pc->contacts[i];
            /*
             * Every period is judged as the verdict judges it, on the simulated
             * traffic (an initial backlog the forecast does not show counts);
             * rows go only to periods the forecast gives enough traffic.
             */
            if (S->n_periods == S->cap_periods) {
                S->cap_periods = S->cap_periods ? 2 * S->cap_periods : 256;
                S->periods = cc_xrealloc(S->periods, S->cap_periods * sizeof *S->periods);
            }
            memset(&S->periods[S->n_periods], 0, sizeof *S->periods);
            S->periods[S->n_periods].channel = c;
            S->periods[S->n_periods].rho_sl = 1.0;
            S->periods[S->n_periods].rho_abandon = 1.0;
            S->periods[S->n_periods].a = a;
            S->periods[S->n_periods].b = b;
            /*
             * Near the traffic rule, a period is judged on one seed and not on
             * another: the search holds to the goal every period whose forecast
             * comes within LC_NEAR_TRAFFIC of the rule.
             */
            S->periods[S->n_periods].unreachable = cc_lc_unreachable(S, c, a, b);
            S->periods[S->n_periods].rows = sum >= LC_NEAR_TRAFFIC * LC_MIN_PERIOD_CONTACTS &&
                                            !S->periods[S->n_periods].unreachable;
            S->periods[S->n_periods].n_scope = (S->n + len - 1) / len;
            S->periods[S->n_periods].rscope = len == 1 ? CC_SCOPE_INTERVAL
                                              : len == (size_t)p->s->intervals_per_day
                                                  ? CC_SCOPE_DAY
                                                  : CC_SCOPE_WEEK;
            S->periods[S->n_periods].rindex = a / len;
            if (sum < LC_MIN_PERIOD_CONTACTS)
                sum = LC_MIN_PERIOD_CONTACTS; /* the margins of a period without rows */
            /*
             * The first standard error of a period's share: the binomial one over
             * its contacts and replications, doubled for the dependence of queue
             * waits (build_periods scales it into a margin).
             */
            {
                double T = ch->target.service_level > 0 ? ch->target.service_level : 0.8;
                double nobs = sum * (double)p->replications;
                S->periods[S->n_periods].margin_sl =
                    ch->target.service_level > 0 ? 2.0 * sqrt(T * (1.0 - T) / nobs) : 0.0;
                S->periods[S->n_periods].margin_abandon =
                    ch->target.has_max_abandon
                        ? 2.0 * sqrt(ch->target.max_abandon * (1.0 - ch->target.max_abandon) / nobs)
                        : 0.0;
                S->periods[S->n_periods].margin_asa_s =
                    ch->target.has_max_asa ? 0.05 * ch->target.max_asa_s : 0.0;
            }
            S->n_periods++;
        }
    }
    /*
     * Margins in standard errors: every period must pass on another seed,
     * where the verdict forgives CC_VERDICT_Z of them; aimed margin_z above,
     * the chance that any of the n periods fails there is at most
     * LC_FAMILY_MISS (a Bonferroni bound), so the check seed agrees.
     */
    S->margin_z = fmax(0.0, gsl_cdf_ugaussian_Qinv(LC_FAMILY_MISS / (double)(S->n_periods ? S->n_periods : 1)) -
                                CC_VERDICT_Z);
    for (size_t q = 0; q < S->n_periods; q++) {
        S->periods[q].margin_sl *= S->margin_z;
        S->periods[q].margin_abandon *= S->margin_z;
    }
}

/* ---- curves ---------------------------------------------------------------- */



/*
 * Erlang figures of a whole number of servers, each computed once per
 * interval and channel (S's memo, cleared by the caller): the steps of a
 * curve fall between the same few whole numbers, and Erlang A is dear.
 */
static const double *erlang_whole(search *S, const cc_erlang_input *base, long n,
                                  double worst_wait_s)
{
    size_t at = n < 0 ? 0 : (size_t)n;
    double *v;
    if (at >= S->memo_cap) {
        size_t cap = S->memo_cap ? S->memo_cap : 64;
        while (cap <= at)
            cap *= 2;
        S->memo_have = cc_xrealloc(S->memo_have, cap);
        S->memo_val = cc_xrealloc(S->memo_val, cap * 3 * sizeof *S->memo_val);
        memset(S->memo_have + S->memo_cap, 0, cap - S->memo_cap);
        S->memo_cap = cap;
    }
    v = &S->memo_val[at * 3];
    if (!S->memo_have[at]) {
        cc_erlang_input in = *base;
        cc_erlang_result r;
        in.agents = n;
        if (n < 1 || cc_erlang_eval(&in, &r, NULL) != CC_OK) {
            v[0] = 0.0;
            v[1] = in.patience_mean_s > 0 ? 1.0 : 0.0;
            v[2] = worst_wait_s;
        } else {
            v[0] = r.service_level;
            v[1] = r.p_abandon;
            v[2] = r.asa_s < worst_wait_s ? r.asa_s : worst_wait_s;
        }
        S->memo_have[at] = 1;
    }
    return v;
}

/*
 * Erlang figures of `servers` (fractional: interpolated between the two
 * whole numbers around it). Unstable queues (Erlang C at or under the load)
 * give nobody answered in time and every wait at the cap of `worst_wait_s`.
 */
static void erlang_at(search *S, const cc_erlang_input *base, double servers, double worst_wait_s,
                      double *sl, double *abandon, double *asa)
{
    double lo = floor(servers), w = servers - lo;
    double v[2][3];
    for (int j = 0; j < 2; j++) {
        if (j == 1 && w <= 0) {
            memcpy(v[1], v[0], sizeof v[0]);
            break;
        }
        memcpy(v[j], erlang_whole(S, base, (long)lo + j, worst_wait_s), sizeof v[j]);
    }
    *sl = (1 - w) * v[0][0] + w * v[1][0];
    *abandon = (1 - w) * v[0][1] + w * v[1][1];
    *asa = (1 - w) * v[0][2] + w * v[1][2];
}

/*
 * Channel c's part of the team's immediate (queued) requirement in interval
 * i, in gross team agents; the team's agents on duty are shared among its
 * immediate channels in these proportions. Returns 0 when it takes none of c.
 */
static double immediate_part(const search *S, size_t t, size_t c, size_t i)
{
    const cc_planner *p = S->p;
    const cc_scenario *s = p->s;
    const cc_planner_channel *pc = &p->channels[c];
    double share = pc->share[t * S->n + i], f;
    if (share <= 0 || pc->deferred)
        return 0.0;
    f = cc_plan_team_factor(s, (int)c, (int)t);
    return cc_plan_gross_up(s, share * pc->req->intervals[i].net_agents * f,
                            s->teams[t].shrinkage);
}

/* Sessions of channel c with `agents` on duty, c taking `part` of the immediate work `imm`. */
static double sessions_of(const search *S, const lc_team *T, size_t c, double agents,
                          double part, double imm)
{
    const cc_scenario *s = S->p->s;
    double f = cc_plan_team_factor(s, (int)c, (int)T->t);
    double k = S->p->channels[c].req->concurrency;
    double team_agents = agents * (imm > 0 ? part / imm : 0.0);
    if (team_agents < 0)
        team_agents = 0;
    return team_agents / f * cc_lc_net_of_gross(s, s->teams[T->t].shrinkage) * k;
}

static void push_meas(lc_team *T, size_t c, int kind)
{
    T->meas = cc_xrealloc(T->meas, (T->n_meas + 1) * sizeof *T->meas);
    T->meas[T->n_meas].channel = c;
    T->meas[T->n_meas].kind = kind;
    T->n_meas++;
}

/* The figure a measure sums over a period, from Erlang shares, signed so more is better. */
static double figure(const measure *ms, const cc_channel *ch, double lambda, double sl,
                     double abandon, double asa)
{
    switch (ms->kind) {
    case LC_SL:
        return lambda * sl;
    case LC_ABANDON:
        return -lambda * abandon;
    default: /* answered x (ASA - cap): the pooled ASA meets its cap when the sum is <= 0 */
        return -lambda * (1.0 - abandon) * (asa - ch->target.max_asa_s);
    }
}

/*
 * The curves of team T in interval i: every measure's figure at floor + k
 * agents, k = 0..K, and the gains of each step. Called again when a cut
 * raises the interval's floor.
 */
static void build_curves(search *S, lc_team *T, size_t i)
{
    const cc_planner *p = S->p;
    const cc_scenario *s = p->s;
    const cc_planner_team *pt = &p->teams[T->t];
    size_t n = S->n, done_channel = SIZE_MAX;
    double imm = 0.0;

    if (S->step_cap < 3 * (T->K + 1)) {
        S->step_cap = 3 * (T->K + 1);
        S->step_val = cc_xrealloc(S->step_val, S->step_cap * sizeof *S->step_val);
    }
    for (size_t c = 0; c < S->nc; c++)
        imm += immediate_part(S, T->t, c, i);
    for (size_t m = 0; m < T->n_meas; m++) {
        const measure *ms = &T->meas[m];
        const cc_channel *ch = &s->channels[ms->channel];
        const cc_planner_channel *pc = &p->channels[ms->channel];
        const cc_plan_interval *row = &pc->req->intervals[i];
        double part = immediate_part(S, T->t, ms->channel, i);
        double lambda = row->contacts * pc->share[T->t * n + i];
        double *v = &T->val[(m * n + i) * (T->K + 1)];
        cc_erlang_input in;

        if (ms->kind == LC_WORK) {
            /* Net agents on duty: linear in the agents. */
            double net = cc_lc_net_of_gross(s, s->teams[T->t].shrinkage);
            for (size_t k = 0; k <= T->K; k++)
                v[k] = net * (double)(T->floor[i] + (long)k);
            continue;
        }
        T->lambda[m * n + i] = lambda;
        if (lambda <= 1e-9 || part <= 0)
            continue;
        memset(&in, 0, sizeof in);
        in.arrivals_per_hour = lambda / (s->interval_s / 3600.0);
        in.aht_s = row->handle_s;
        in.target_s = ch->target.answer_within_s;
        in.patience_mean_s = cc_lc_queue_patience(s, ms->channel);
        in.sl_definition = ch->target.sl_definition;
        in.short_abandon_s = ch->target.short_abandon_s;
        /* A channel's measures share its figures (they are pushed together). */
        if (done_channel != ms->channel) {
            if (S->memo_cap)
                memset(S->memo_have, 0, S->memo_cap);
            for (size_t k = 0; k <= T->K; k++) {
                double *f = &S->step_val[3 * k];
                double servers =
                    sessions_of(S, T, ms->channel, (double)(T->floor[i] + (long)k), part, imm);
                erlang_at(S, &in, servers, s->interval_s, &f[0], &f[1], &f[2]);
            }
            done_channel = ms->channel;
        }
        for (size_t k = 0; k <= T->K; k++) {
            const double *f = &S->step_val[3 * k];
            v[k] = figure(ms, ch, lambda, f[0], f[1], f[2]);
        }
    }
    /*
     * Gains, made non-increasing (a running minimum never promises more than
     * the curve), up to half as many agents again as the analytic requirement
     * of the interval (and at least 3 above the floor): further agents would
     * add almost nothing, and every step is a column of the programme.
     */
    {
        double room = ceil(1.5 * pt->required[i]) + 3.0 - (double)T->floor[i];
        size_t steps = room < 3 ? 3 : room > (double)T->K ? T->K : (size_t)room;
        for (size_t m = 0; m < T->n_meas; m++) {
            const double *v = &T->val[(m * n + i) * (T->K + 1)];
            double *g = &T->gain[(m * n + i) * T->K];
            double prev = INFINITY;
            for (size_t k = 0; k < T->K; k++) {
                double d = v[k + 1] - v[k];
                if (d < 0 || k >= steps)
                    d = 0;
                if (d > prev)
                    d = prev;
                g[k] = prev = d;
            }
        }
    }
}

static void build_team(search *S, lc_team *T)
{
    const cc_planner *p = S->p;
    const cc_scenario *s = p->s;
    const cc_planner_team *pt = &p->teams[T->t];
    size_t n = S->n;
    long maxreq = 0;

    for (size_t c = 0; c < S->nc; c++) {
        const cc_channel *ch = &s->channels[c];
        int serves = 0;
        for (size_t i = 0; i < n && !serves; i++)
            serves = p->channels[c].share[T->t * n + i] > 0;
        if (!serves || p->channels[c].deferred || !channel_has_targets(ch))
            continue;
        if (ch->target.service_level > 0)
            push_meas(T, c, LC_SL);
        if (ch->target.has_max_abandon)
            push_meas(T, c, LC_ABANDON);
        if (ch->target.has_max_asa)
            push_meas(T, c, LC_ASA);
    }
    /* The team's daily workload under the occupancy cap: one more measure. */
    T->work_m = T->n_meas;
    push_meas(T, 0, LC_WORK);
    T->floor = cc_xcalloc(n, sizeof *T->floor);
    T->stale = cc_xcalloc(n, 1);
    T->busy = cc_xcalloc(n, sizeof *T->busy);
    T->day_cap = cc_xcalloc((size_t)s->days, sizeof *T->day_cap);
    for (int d = 0; d < s->days; d++)
        T->day_cap[d] = s->plan.max_occupancy > 0 ? s->plan.max_occupancy : 1.0;
    for (size_t i = 0; i < n; i++) {
        long r = (long)ceil(pt->required[i] - 1e-9);
        if (r > maxreq)
            maxreq = r;
    }
    /* Room above the floor: well past the analytic requirement, which simulation may exceed. */
    T->K = (size_t)(maxreq / 2 + 4);
    if (T->K > LC_MAX_STEPS)
        T->K = LC_MAX_STEPS;

    /* Floors: the deferred channels' agents plus what keeps every queue under the cap. */
    for (size_t i = 0; i < n; i++) {
        double imm = 0.0, need = 0.0;
        for (size_t c = 0; c < S->nc; c++) {
            const cc_planner_channel *pc = &p->channels[c];
            double share = pc->share[T->t * n + i];
            if (share <= 0)
                continue;
            /*
             * Work in team agents (busy sessions / concurrency x proficiency).
             * Deferred work has no floor of its own: agents do it between
             * contacts, so it joins the team's daily workload row.
             */
            T->busy[i] += share * pc->req->intervals[i].workload_erlangs /
                          (double)pc->req->concurrency *
                          cc_plan_team_factor(s, (int)c, (int)T->t);
            if (!pc->deferred)
                imm += immediate_part(S, T->t, c, i);
        }
        for (size_t c = 0; c < S->nc && imm > 0; c++) {
            const cc_planner_channel *pc = &p->channels[c];
            const cc_plan_interval *row = &pc->req->intervals[i];
            double part = immediate_part(S, T->t, c, i), per_agent, load, cap;
            if (part <= 0 || row->contacts <= 1e-9)
                continue;
            per_agent = sessions_of(S, T, c, 1.0, part, imm);
            load = row->contacts * pc->share[T->t * n + i] * row->handle_s / s->interval_s;
            /*
             * The floor only keeps the queue stable; the occupancy cap is a row
             * per team and day (LC_OCC), the targets are rows per period.
             */
            cap = LC_STABLE_OCCUPANCY;
            if (per_agent > 0 && load / cap / per_agent > need)
                need = load / cap / per_agent;
        }
        T->floor[i] = (long)ceil(need - 1e-9);
    }

    /* Curves: the figure at floor + k agents, k = 0..K. */
    T->val = cc_xcalloc(T->n_meas * n * (T->K + 1), sizeof *T->val);
    T->gain = cc_xcalloc(T->n_meas * n * (T->K ? T->K : 1), sizeof *T->gain);
    T->offset = cc_xcalloc(T->n_meas * n, sizeof *T->offset);
    T->lambda = cc_xcalloc(T->n_meas * n, sizeof *T->lambda);
    for (size_t i = 0; i < n; i++)
        build_curves(S, T, i);
}

/* ---- rows ------------------------------------------------------------------ */

static void push_row(lc_team *T, cc_service_row r, long period_index)
{
    if (T->n_rows == T->cap_rows) {
        T->cap_rows = T->cap_rows ? 2 * T->cap_rows : 256;
        T->rows = cc_xrealloc(T->rows, T->cap_rows * sizeof *T->rows);
        T->row_period = cc_xrealloc(T->row_period, T->cap_rows * sizeof *T->row_period);
    }
    T->rows[T->n_rows] = r;
    T->row_period[T->n_rows] = period_index;
    T->n_rows++;
}

/*
 * The rows of team T for the current margins and offsets: for every judged
 * period of a channel the team serves and every figure the channel's target
 * names, sum over the period of (gain x extra agents) >= what the period
 * still needs beyond the figure at the floors.
 */
static void build_rows(search *S, lc_team *T)
{
    const cc_scenario *s = S->p->s;
    size_t n = S->n;
    T->n_rows = 0;
    for (size_t q = 0; q < S->n_periods; q++) {
        const period *pd = &S->periods[q];
        const cc_channel *ch = &s->channels[pd->channel];
        if (!pd->rows)
            continue;
        for (size_t m = 0; m < T->n_meas; m++) {
            const measure *ms = &T->meas[m];
            double lam = 0.0, at_floor = 0.0, need, big = 0.0;
            cc_service_row r;
            if (ms->kind == LC_WORK || ms->channel != pd->channel)
                continue;
            for (size_t i = pd->a; i <= pd->b; i++) {
                lam += T->lambda[m * n + i];
                at_floor += T->val[(m * n + i) * (T->K + 1)] + T->offset[m * n + i];
                if (T->K > 0 && T->gain[(m * n + i) * T->K] > big)
                    big = T->gain[(m * n + i) * T->K];
            }
            if (lam <= 1e-9)
                continue;
            /*
             * The curves' misses scaled by what the simulation showed (rho): the
             * model may answer late 1 - (1 - goal) / rho of the contacts, and
             * abandon cap / rho of them.
             */
            switch (ms->kind) {
            case LC_SL:
                need = (1.0 - (1.0 - ch->target.service_level - pd->margin_sl) / pd->rho_sl) * lam;
                break;
            case LC_ABANDON:
                need = -(ch->target.max_abandon - pd->margin_abandon) / pd->rho_abandon * lam;
                break;
            default:
                need = -pd->margin_asa_s * lam;
                break;
            }
            memset(&r, 0, sizeof r);
            r.first = pd->a;
            r.last = pd->b;
            r.measure = m;
            r.need = need - at_floor;
            if (r.need <= 0)
                continue; /* the floors alone meet it */
            r.penalty = big > 0 ? LC_ROW_PENALTY * s->interval_s / 3600.0 / big : 0.0;
            push_row(T, r, (long)q);
        }
    }
    /* Every day: net agents on duty x the day's occupancy cap cover the day's work. */
    {
        size_t ipd = (size_t)s->intervals_per_day, m = T->work_m;
        for (int d = 0; d < s->days; d++) {
            double work = 0.0, at_floor = 0.0, net = 0.0;
            cc_service_row r;
            for (size_t i = (size_t)d * ipd; i < (size_t)(d + 1) * ipd; i++) {
                work += T->busy[i];
                at_floor += T->val[(m * n + i) * (T->K + 1)];
            }
            net = cc_lc_net_of_gross(s, s->teams[T->t].shrinkage);
            memset(&r, 0, sizeof r);
            r.first = (size_t)d * ipd;
            r.last = (size_t)(d + 1) * ipd - 1;
            r.measure = m;
            r.need = work / T->day_cap[d] - at_floor;
            r.penalty = LC_ROW_PENALTY * s->interval_s / 3600.0 / net;
            if (r.need > 1e-9)
                push_row(T, r, -1);
        }
    }
}

/* ---- rounds ---------------------------------------------------------------- */

/*
 * What a team's programme covers (cc_shift_problem.required): LC_ROWS, the
 * floors, with the service rows on top; LC_REPAIR, the analytic (or
 * verified) staffing raised to the floors, no rows: the analytic roster with
 * its cuts; LC_WRITTEN, what the scenario has on duty as written, no rows: a
 * candidate the search must beat, so the plan never costs more than a
 * written staffing that meets; LC_HOLD, the floors alone, no rows: the
 * roster of the last round held (hold_floors) with its cuts on top.
 */
enum { LC_ROWS = 0, LC_REPAIR, LC_WRITTEN, LC_HOLD };

static cc_status solve_team(search *S, lc_team *T, int mode, cc_shift_plan **out, cc_error *err)
{
    cc_planner *p = S->p;
    cc_planner_team *pt = &p->teams[T->t];
    cc_shift_problem pr;
    cc_shift_service sv;
    double *floor_d = cc_xcalloc(S->n, sizeof *floor_d);
    cc_status st;

    for (size_t i = 0; i < S->n; i++) {
        double f = (double)T->floor[i];
        if (mode == LC_REPAIR && (double)pt->staffing[i] > f)
            f = (double)pt->staffing[i];
        if (mode == LC_WRITTEN)
            f = ceil(cc_scenario_team_agents(p->s, (int)T->t, (int)i) - 1e-9);
        floor_d[i] = f;
    }
    T->n_rows = 0;
    if (mode == LC_ROWS)
        build_rows(S, T);
    memset(&sv, 0, sizeof sv);
    sv.steps = T->K;
    sv.n_measures = T->n_meas;
    sv.gain = T->gain;
    sv.rows = T->rows;
    sv.n_rows = T->n_rows;
    memset(&pr, 0, sizeof pr);
    pr.n_intervals = S->n;
    pr.interval_s = p->s->interval_s;
    pr.required = floor_d;
    pr.first_weekday = p->s->start_weekday;
    pr.rules = pt->rules;
    pr.n_rules = pt->n_rules;
    pr.soft_coverage = 1;
    /*
     * Rounds are many: each programme keeps the plan of the dive and the local
     * re-solves (within LC_MIP_GAP of the bound when they get there), with no
     * time limit, so the search is the same on any machine and thread count.
     */
    pr.time_limit_s = 0.0;
    pr.heuristic_only = 1;
    pr.mip_gap = p->opt.shift_mip_gap > LC_MIP_GAP ? p->opt.shift_mip_gap : LC_MIP_GAP;
    pr.part_time_below_s = p->s->plan.part_time_below_s;
    pr.part_time_max_share = p->s->plan.part_time_max_share;
    pr.block_days = 7;
    pr.service = T->n_rows > 0 ? &sv : NULL;
    st = cc_plan_shifts_solve(&pr, out, err);
    free(floor_d);
    return st;
}

/*
 * Every searched team's programme, teams in parallel (each writes its own
 * slot; GLPK keeps its state per thread); the first failure in team order
 * is reported, so the outcome does not depend on the threads.
 */
static cc_status solve_teams(search *S, cc_shift_plan **plans, int mode, cc_error *err)
{
    long nt = (long)S->nt;
    cc_status *st = cc_xcalloc((size_t)nt, sizeof *st), first = CC_OK;
    cc_error *errs = cc_xcalloc((size_t)nt, sizeof *errs);
    cc_shift_plan **fresh = cc_xcalloc((size_t)nt, sizeof *fresh);
    int threads = S->p->opt.threads > 0 ? S->p->opt.threads : omp_get_max_threads();

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (nt > 1)
    for (long t = 0; t < nt; t++) {
        if (S->teams[t].active)
            st[t] = solve_team(S, &S->teams[t], mode, &fresh[t], &errs[t]);
        glp_free_env();
    }
    for (long t = 0; t < nt && first == CC_OK; t++) {
        if (st[t] != CC_OK) {
            first = st[t];
            if (err)
                *err = errs[t];
        }
    }
    /* The round's rosters replace the last ones only when every team has one. */
    for (long t = 0; t < nt; t++) {
        if (first == CC_OK && S->teams[t].active) {
            cc_plan_shifts_free(plans[t]);
            plans[t] = fresh[t];
        } else {
            cc_plan_shifts_free(fresh[t]);
        }
    }
    free(fresh);
    free(st);
    free(errs);
    return first;
}

/* Mean per replication of a pooled figure of channel c in interval i. */
static double sim_figure(const search *S, const cc_results *r, const measure *ms,
                         const cc_channel *ch, size_t i)
{
    const cc_pooled *x = &r->intervals[i * S->nc + ms->channel].pooled;
    double R = (double)r->replications;
    switch (ms->kind) {
    case LC_SL:
        return x->in_target / R;
    case LC_ABANDON:
        return -x->abandoned / R;
    default:
        return -(x->wait_answered_s - ch->target.max_asa_s * x->answered) / R;
    }
}

/*
 * Offsets: for every team figure, simulation minus the curves at the
 * roster's agents, the channel's gap shared among its teams by their part
 * of its contacts.
 */
static void update_offsets(search *S, cc_shift_plan *const *plans, const cc_results *r)
{
    const cc_scenario *s = S->p->s;
    size_t n = S->n;
    for (size_t ti = 0; ti < S->nt; ti++) {
        lc_team *T = &S->teams[ti];
        if (!T->active)
            continue;
        for (size_t m = 0; m < T->n_meas; m++) {
            const measure *ms = &T->meas[m];
            const cc_channel *ch = &s->channels[ms->channel];
            if (ms->kind != LC_ASA)
                continue; /* SL and abandonment are scaled per period (calibrate) */
            for (size_t i = 0; i < n; i++) {
                double lam_all = S->p->channels[ms->channel].contacts[i], curve = 0.0, share;
                /* The channel's figure by the curves: every team serving it. */
                for (size_t tj = 0; tj < S->nt; tj++) {
                    const lc_team *U = &S->teams[tj];
                    for (size_t mm = 0; mm < U->n_meas; mm++) {
                        long k;
                        if (U->meas[mm].channel != ms->channel || U->meas[mm].kind != ms->kind)
                            continue;
                        k = cc_lc_on_duty(S, plans, U->t, i) - U->floor[i];
                        if (k < 0)
                            k = 0;
                        if ((size_t)k > U->K)
                            k = (long)U->K;
                        curve += U->val[(mm * n + i) * (U->K + 1) + (size_t)k];
                    }
                }
                share = lam_all > 1e-9 ? T->lambda[m * n + i] / lam_all : 0.0;
                T->offset[m * n + i] = share * (sim_figure(S, r, ms, ch, i) - curve);
            }
        }
    }
}

/* The curves' figure of measure `kind` for channel c in interval i at the agents on duty. */
static double curve_at(const search *S, cc_shift_plan *const *plans, size_t c, int kind,
                       size_t i, double *lambda)
{
    double v = 0.0;
    *lambda = 0.0;
    for (size_t tj = 0; tj < S->nt; tj++) {
        const lc_team *U = &S->teams[tj];
        for (size_t mm = 0; mm < U->n_meas; mm++) {
            long k;
            if (U->meas[mm].kind != kind || U->meas[mm].channel != c)
                continue;
            k = cc_lc_on_duty(S, plans, U->t, i) - U->floor[i];
            k = k < 0 ? 0 : (size_t)k > U->K ? (long)U->K : k;
            v += U->val[(mm * S->n + i) * (U->K + 1) + (size_t)k];
            *lambda += U->lambda[mm * S->n + i];
        }
    }
    return v;
}

/*
 * A period's new rho from the one measured: a period that has missed keeps
 * the largest seen (letting it fall would trade it back and forth with its
 * neighbours round after round); the others fall by at most LC_RHO_FALL a
 * round, so a roster with surplus everywhere is trimmed in steps the
 * simulation can follow instead of all at once past the goal.
 */
#define LC_RHO_FALL 0.75

static double settle(const period *pd, double old, double measured)
{
    if (pd->ever_missed)
        return fmax(old, measured);
    return fmax(measured, LC_RHO_FALL * old);
}

/*
 * Calibration of SL and abandonment per period: rho = the simulation's
 * share of contacts answered late (or abandoned) over the curves' share at
 * the roster just simulated; clamped to [1/8, 8].
 */
static void calibrate(search *S, cc_shift_plan *const *plans, const cc_results *r)
{
    for (size_t q = 0; q < S->n_periods; q++) {
        period *pd = &S->periods[q];
        double pres = 0.0, late = 0.0, ab = 0.0, lam = 0.0, good = 0.0, lam_ab = 0.0, mab = 0.0;
        if (S->p->channels[pd->channel].deferred)
            continue;
        for (size_t i = pd->a; i <= pd->b; i++) {
            const cc_pooled *x = &r->intervals[i * S->nc + pd->channel].pooled;
            double l;
            pres += x->presented - x->excluded;
            late += x->presented - x->excluded - x->in_target;
            ab += x->abandoned;
            good += curve_at(S, plans, pd->channel, LC_SL, i, &l);
            lam += l;
            mab -= curve_at(S, plans, pd->channel, LC_ABANDON, i, &l);
            lam_ab += l;
        }
        if (pres <= 0)
            continue;
        if (lam > 0 && lam - good > 1e-9 * lam) {
            double rho = fmin(8.0, fmax(0.125, (late / pres) / ((lam - good) / lam)));
            pd->rho_sl = settle(pd, pd->rho_sl, rho);
        }
        if (lam_ab > 0 && mab > 1e-9 * lam_ab) {
            double rho = fmin(8.0, fmax(0.125, (ab / pres) / (mab / lam_ab)));
            pd->rho_abandon = settle(pd, pd->rho_abandon, rho);
        }
    }
}

/*
 * Judges every period on the simulation with the one rule, against the
 * target tightened by `scale` x the period's margin (0: the plain target).
 * With
 * `widen`, the margin of a period that missed grows by what it missed by,
 * plus a quarter of the margin. Returns the number of periods missed.
 */
static size_t judge_as(search *S, const cc_results *r, double scale, int own, int widen)
{
    const cc_scenario *s = S->p->s;
    size_t missed = 0, judged = 0;
    for (size_t q = 0; q < S->n_periods; q++) {
        period *pd = &S->periods[q];
        const cc_channel *ch = &s->channels[pd->channel];
        /* The results' own period: the very counts and spread the verdicts judge. */
        const cc_period *per = &cc_results_periods(r, pd->channel, pd->rscope)[pd->rindex];
        cc_sim_target tg;
        cc_target_verdict v;
        if (pd->unreachable) {
            pd->missed = own ? 0 : pd->missed;
            continue; /* no roster the rules allow meets it: reported, not searched */
        }
        if (!cc_period_judged(&per->pooled, r->replications, pd->n_scope) &&
            !(own && pd->rows && per->pooled.presented > 0)) {
            if (own)
                pd->missed = 0;
            continue; /* too quiet to judge, as the verdicts say */
        }
        judged++;
        memset(&tg, 0, sizeof tg);
        tg.answer_within_s = ch->target.answer_within_s;
        tg.service_level = ch->target.service_level > 0
                               ? fmin(1.0, ch->target.service_level + scale * pd->margin_sl)
                               : 0.0;
        tg.max_abandon =
            ch->target.has_max_abandon
                ? fmax(1e-6, ch->target.max_abandon - scale * pd->margin_abandon)
                : 0.0;
        tg.max_asa_s = ch->target.has_max_asa
                           ? fmax(1e-3, ch->target.max_asa_s - scale * pd->margin_asa_s)
                           : 0.0;
        /*
         * On the search's seed a roster must meet each goal outright: leaning on
         * the tolerance of its own (few) replications would hand an independent
         * simulation a period it may fail. The check seed is judged as the
         * verdicts judge, tolerance included.
         */
        v = own ? cc_exact_verdict(&tg, &per->pooled) : cc_period_verdict(&tg, per);
        /* max_risk: the share of replications in which the period misses on its own. */
        if (ch->target.has_max_risk &&
            !(per->missed_reps / (double)r->replications <= ch->target.max_risk)) {
            v.missed |= CC_MISS_RISK;
            v.status = CC_TARGET_MISSES;
        }
        if (own) {
            pd->missed = v.status == CC_TARGET_MISSES ? v.missed : 0;
            pd->ever_missed |= pd->missed != 0;
        }
        if (v.status != CC_TARGET_MISSES)
            continue;
        missed++;
        if (!widen)
            continue;
        if (S->p->channels[pd->channel].deferred) {
            /* Late deferred work: the days' workload rows allow less occupancy. */
            size_t ipd = (size_t)s->intervals_per_day;
            for (size_t t = 0; t < S->nt; t++) {
                lc_team *T = &S->teams[t];
                int serves = 0;
                for (size_t i = pd->a; i <= pd->b && !serves; i++)
                    serves = S->p->channels[pd->channel].share[t * S->n + i] > 0;
                if (!T->active || !serves)
                    continue;
                for (size_t d = pd->a / ipd; d <= pd->b / ipd; d++)
                    T->day_cap[d] *= LC_CAP_STEP;
            }
            continue;
        }
        if (v.missed & CC_MISS_SL)
            pd->margin_sl += (tg.service_level - v.service_level) + 0.25 * pd->margin_sl;
        if (v.missed & CC_MISS_ABANDON)
            pd->margin_abandon += (v.abandon - tg.max_abandon) + 0.25 * pd->margin_abandon;
        if (v.missed & CC_MISS_ASA)
            pd->margin_asa_s += (v.asa_s - tg.max_asa_s) + 0.25 * pd->margin_asa_s;
        if (v.missed == CC_MISS_RISK) {
            /* Too many replications miss: every figure it has needs more room. */
            pd->margin_sl += 0.5 * pd->margin_sl;
            pd->margin_abandon += 0.5 * pd->margin_abandon;
            pd->margin_asa_s += 0.5 * pd->margin_asa_s;
        }
    }
    if (own)
        S->judged = judged;
    return missed;
}

/*
 * The search's own seed: the rows aim at the target plus the whole margin,
 * a roster is accepted at the target plus half of it (with no sampling
 * tolerance). The half kept in hand makes an independent seed agree on
 * periods that swing between seeds (shift changes, quiet hours); the half
 * given up absorbs the error of the calibrated curves at a roster they were
 * not calibrated on.
 */
#define LC_ACCEPT_MARGIN 0.5

static size_t judge(search *S, const cc_results *r, int widen)
{
    return judge_as(S, r, LC_ACCEPT_MARGIN, 1, widen);
}

static size_t judge_plain(search *S, const cc_results *r)
{
    return judge_as(S, r, 0.0, 0, 0);
}

/* The check seed missed: widen the margins of the periods it missed (and mark them). */
static void widen_from(search *S, const cc_results *r)
{
    (void)judge_as(S, r, 0.0, 1, 1);
}


/* Paid cost of the rosters of the active teams (paid hours where no rate is set). */
static double roster_cost(const search *S, cc_shift_plan *const *plans)
{
    double cost = 0.0;
    for (size_t ti = 0; ti < S->nt; ti++) {
        const lc_team *T = &S->teams[ti];
        double rate = S->p->s->teams[T->t].cost_per_hour;
        if (T->active && plans[ti])
            cost += plans[ti]->paid_hours * (rate > 0 ? rate : 1.0);
    }
    return cost;
}

/* Simulates the rosters `plans` (teams not searched keep their staffing) on `seed`. */
static cc_status simulate(search *S, cc_shift_plan *const *plans, uint64_t seed,
                          cc_results **out, cc_error *err)
{
    cc_planner *p = S->p;
    for (size_t t = 0; t < S->nt; t++)
        for (size_t i = 0; i < S->n; i++)
            S->m->teams[t].agents[i] = (int)cc_lc_on_duty(S, plans, t, i);
    return cc_plan_replicate_seed(p, S->m, seed, out, err);
}

static void free_plans(cc_shift_plan **plans, size_t nt)
{
    for (size_t t = 0; t < nt; t++) {
        cc_plan_shifts_free(plans[t]);
        plans[t] = NULL;
    }
}

static void search_free(search *S)
{
    for (size_t t = 0; t < S->nt; t++) {
        lc_team *T = &S->teams[t];
        free(T->meas);
        free(T->floor);
        free(T->val);
        free(T->gain);
        free(T->offset);
        free(T->lambda);
        free(T->busy);
        free(T->day_cap);
        free(T->rows);
        free(T->row_period);
        free(T->need_held);
        free(T->stale);
    }
    free(S->teams);
    free(S->periods);
    free(S->reach);
    free(S->memo_have);
    free(S->memo_val);
    free(S->step_val);
    cc_simmodel_free(S->m);
}

/* Records one round in the plan's summary. */
static void note_round(cc_planner_search *ls, double cost, double paid, size_t missed)
{
    if (ls->rounds < CC_PLAN_SEARCH_MAX_ROUNDS) {
        ls->round_cost[ls->rounds] = cost;
        ls->round_paid_hours[ls->rounds] = paid;
        ls->round_missed[ls->rounds] = missed;
    }
    ls->rounds++;
}

static double paid_hours(const search *S, cc_shift_plan *const *plans)
{
    double h = 0.0;
    for (size_t t = 0; t < S->nt; t++)
        if (S->teams[t].active && plans[t])
            h += plans[t]->paid_hours;
    return h;
}

/*
 * The staffing as written, rostered under the shift rules (solve_written_team)
 * and judged like a round: when it meets on the search's seed and on the
 * check seed and costs less than the search's answer (or the search has
 * none that the check confirmed), it becomes the answer.
 */
static cc_status try_written(search *S, cc_shift_plan **best, double *best_cost, cc_error *err)
{
    cc_planner_search *ls = &S->p->search;
    cc_shift_plan **w = cc_xcalloc(S->nt, sizeof *w);
    cc_results *r = NULL;
    double cost;
    cc_status st = CC_OK;
    cc_error ignored;

    /* A written staffing the rules cannot roster is no candidate: not an error. */
    if (solve_teams(S, w, LC_WRITTEN, &ignored) != CC_OK)
        goto out;
    cost = roster_cost(S, w);
    ls->written_paid_hours = paid_hours(S, w);
    ls->written_cost = cost;
    if ((st = simulate(S, w, S->p->seed, &r, err)) != CC_OK)
        goto out;
    if (judge_as(S, r, 0.0, 0, 0) == 0) {
        cc_results_free(r);
        r = NULL;
        if ((st = simulate(S, w, ls->check_seed, &r, err)) != CC_OK)
            goto out;
        ls->written_met = judge_plain(S, r) == 0;
    }
    if (ls->written_met && (cost < *best_cost || !ls->converged)) {
        for (size_t t = 0; t < S->nt; t++) {
            cc_shift_plan *tmp = best[t];
            best[t] = w[t];
            w[t] = tmp;
        }
        *best_cost = cost;
        ls->from_written = 1;
        ls->converged = 1;
        ls->check_missed = 0;
    }
out:
    cc_results_free(r);
    free_plans(w, S->nt);
    free(w);
    return st;
}

/* Rebuilds the curves of every interval whose floor a cut or the hold moved. */
static void refresh_curves(search *S)
{
    for (size_t t = 0; t < S->nt; t++) {
        lc_team *T = &S->teams[t];
        if (!T->active)
            continue;
        for (size_t i = 0; i < S->n; i++) {
            if (T->stale[i]) {
                build_curves(S, T, i);
                T->stale[i] = 0;
            }
        }
    }
}

cc_status cc_plan_least_cost(cc_planner *p, cc_error *err)
{
    search S;
    cc_planner_search *ls = &p->search;
    cc_shift_plan **plans, **best;
    cc_shift_plan **fallback;   /* the last roster that met on the search's seed only */
    double best_cost = INFINITY, prev_cost = INFINITY, fallback_cost = INFINITY;
    size_t prev_missed = SIZE_MAX;
    size_t fallback_missed = 0;
    int phase_check = 0, stalled = 0, best_checked = 0, repairing = 1, holding = 0;
    int best_held = 0, fallback_held = 0; /* 1: that roster was found while holding */
    cc_status st = CC_OK;

    memset(&S, 0, sizeof S);
    S.p = p;
    S.n = p->n_intervals;
    S.nc = p->n_channels;
    S.nt = p->n_teams;
    if ((st = cc_plan_model(p->s, NULL, &S.m, err)) != CC_OK)
        return st;
    S.teams = cc_xcalloc(S.nt, sizeof *S.teams);
    plans = cc_xcalloc(S.nt, sizeof *plans);
    best = cc_xcalloc(S.nt, sizeof *best);
    fallback = cc_xcalloc(S.nt, sizeof *fallback);
    cc_lc_find_reach(&S);
    build_periods(&S);
    for (size_t t = 0; t < S.nt; t++) {
        lc_team *T = &S.teams[t];
        const cc_planner_team *pt = &p->teams[t];
        T->t = t;
        T->active = pt->n_rules > 0 && !pt->fixed && pt->required_hours > 0;
        if (T->active)
            build_team(&S, T);
    }
    {
        double analytic = ls->analytic_paid_hours;
        memset(ls, 0, sizeof *ls);
        ls->analytic_paid_hours = analytic;
    }
    for (size_t q = 0; q < S.n_periods; q++) {
        const period *pd = &S.periods[q];
        if (!pd->unreachable)
            continue;
        if (ls->unreachable_periods++ == 0) {
            ls->unreachable_channel = pd->channel;
            ls->unreachable_scope = pd->rscope;
            ls->unreachable_index = pd->rindex;
        }
    }
    ls->ran = 1;
    /* Round 0 is the rosters of the analytic (or verified) staffing, already solved. */
    for (size_t t = 0; t < S.nt; t++) {
        if (S.teams[t].active) {
            plans[t] = p->teams[t].shifts;
            p->teams[t].shifts = NULL;
        }
    }
    ls->check_seed = (p->seed ^ LC_CHECK_SEED) & (uint64_t)INT64_MAX; /* a valid --seed */

    for (int round = 0; round < LC_MAX_ROUNDS; round++) {
        cc_results *r = NULL;
        size_t missed;
        double cost;

        if (round > 0 && solve_teams(&S, plans,
                                     holding ? LC_HOLD : repairing ? LC_REPAIR : LC_ROWS,
                                     err) != CC_OK) {
            /* A programme that found no roster ends the search with what it has. */
            ls->stopped = 1;
            break;
        }
        if (st == CC_OK)
            st = simulate(&S, plans, p->seed, &r, err);
        if (st != CC_OK)
            break;
        /*
         * Misses on the search's own seed are the offsets' business (they carry
         * the simulation's shortfall into the rows); margins widen only when
         * the independent check disagrees.
         */
        missed = judge(&S, r, 0);
        cost = roster_cost(&S, plans);
        /*
         * First the analytic roster is repaired by cuts alone until it meets
         * (a roster that meets, to beat); then the rows trim it.
         */
        if (repairing && (missed == 0 || round >= LC_MAX_REPAIRS))
            repairing = 0;
        note_round(ls, cost, paid_hours(&S, plans), missed);
        if (!holding && !repairing && missed > 0 && !isfinite(best_cost) &&
            round >= LC_HOLD_FROM) {
            holding = 1;
            ls->held_from = round;
            cc_lc_hold_floors(&S, plans);
            refresh_curves(&S);
        }
        if (missed == 0) {
            int better = cost < best_cost * (1.0 - LC_IMPROVE);
            if (cost < best_cost) {
                cc_shift_plan **tmp = best;
                free_plans(best, S.nt);
                best = plans;
                plans = tmp;
                best_cost = cost;
                best_checked = 0;
                best_held = holding;
            }
            if (!better) {
                /* Nothing cheaper: check the verdict on a seed the search never used. */
                cc_results *chk = NULL;
                size_t check_missed;
                cc_results_free(r);
                if ((st = simulate(&S, best, ls->check_seed, &chk, err)) != CC_OK)
                    break;
                check_missed = judge_plain(&S, chk);
                ls->check_missed = check_missed;
                best_checked = 1;
                if (check_missed == 0 || phase_check >= LC_MAX_CHECKS) {
                    cc_results_free(chk);
                    ls->converged = check_missed == 0;
                    break;
                }
                /*
                 * The other seed disagrees: widen those periods' margins, give
                 * them their cut on the roster that failed, search on.
                 */
                widen_from(&S, chk);
                cc_lc_cut_missed(&S, best, chk);
                refresh_curves(&S);
                cc_results_free(chk);
                phase_check++;
                /* Kept in case no later roster does better on both seeds. */
                {
                    cc_shift_plan **tmp = fallback;
                    free_plans(fallback, S.nt);
                    fallback = best;
                    fallback_held = best_held;
                    best = tmp;
                    fallback_cost = best_cost;
                    fallback_missed = check_missed;
                }
                best_cost = INFINITY;
                continue;
            }
        }
        update_offsets(&S, plans, r);
        calibrate(&S, plans, r);
        if (missed > 0) {
            cc_lc_cut_missed(&S, plans, r); /* after: the two above read the curves at the roster */
            refresh_curves(&S);
        }
        cc_results_free(r);
        /*
         * A roster that keeps missing, unchanged in cost and no closer to
         * meeting: the rows cannot reach it; stop. (Cuts may move shifts at
         * the same cost and still close misses: that is progress.)
         */
        if (missed > 0 && missed >= prev_missed && fabs(cost - prev_cost) <= 1e-9 * cost) {
            if (++stalled >= 2)
                break;
        } else {
            stalled = 0;
        }
        prev_cost = cost;
        prev_missed = missed;
    }
    ls->n_periods = S.judged;
    if (st == CC_OK && !isfinite(best_cost) && isfinite(fallback_cost)) {
        /* Nothing met on both seeds: the last roster that met on the search's. */
        cc_shift_plan **tmp = best;
        best = fallback;
        best_held = fallback_held;
        fallback = tmp;
        best_cost = fallback_cost;
        ls->check_missed = fallback_missed;
        best_checked = 1;
    }
    if (st == CC_OK && isfinite(best_cost) && !best_checked) {
        /* The rounds ran out before the check: run it, so the summary says. */
        cc_results *chk = NULL;
        if ((st = simulate(&S, best, ls->check_seed, &chk, err)) == CC_OK) {
            ls->check_missed = judge_plain(&S, chk);
            ls->converged = 0;
        }
        cc_results_free(chk);
    }
    if (st == CC_OK)
        st = try_written(&S, best, &best_cost, err);
    if (st == CC_OK) {
        int have_best = isfinite(best_cost);
        ls->met = have_best;
        for (size_t t = 0; t < S.nt; t++) {
            cc_planner_team *pt = &p->teams[t];
            cc_shift_plan *sp = have_best ? best[t] : plans[t];
            if (!S.teams[t].active || !sp)
                continue;
            /* A held roster's requirement is what it was asked to cover, not its floor. */
            if (have_best && best_held && !ls->from_written && S.teams[t].need_held)
                memcpy(sp->needed, S.teams[t].need_held, S.n * sizeof *sp->needed);
            pt->shifts = sp;
            if (have_best)
                best[t] = NULL;
            else
                plans[t] = NULL;
            pt->rostered_hours = sp->paid_hours;
        }
        ls->cost = have_best ? best_cost : roster_cost(&S, plans);
    }
    free_plans(plans, S.nt);
    free_plans(best, S.nt);
    free_plans(fallback, S.nt);
    free(fallback);
    free(plans);
    free(best);
    search_free(&S);
    return st;
}
