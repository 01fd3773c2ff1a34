/*
 * The least-cost search's cuts and reach: where each team can have agents
 * on duty under its shift rules, which periods no roster can therefore
 * meet (left out of the search and reported), and the cuts that give a
 * period that missed one agent more, for good, where a team serving its
 * channel in time can be on duty (least_cost.c runs the rounds).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "plan/least_cost_internal.h"

/* Net agents of one gross team agent, by the scenario's shrinkage method. */
double cc_lc_net_of_gross(const cc_scenario *s, double shrinkage)
{
    return s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE ? 1.0 / (1.0 + shrinkage)
                                                                 : 1.0 - shrinkage;
}

/* Mean patience of channel c's customers in the queue (0 = none: Erlang C). */
double cc_lc_queue_patience(const cc_scenario *s, size_t c)
{
    const cc_channel *ch = &s->channels[c];
    double pat;
    if (ch->patience.kind == CC_DIST_NONE)
        return 0.0;
    pat = cc_dist_mean(&ch->patience);
    if (ch->chatbot >= 0)
        pat *= s->chatbots[ch->chatbot].escalation_patience_factor;
    return pat;
}

/* Agents of team t on duty in interval i: the round's roster, else the staffing. */
long cc_lc_on_duty(const search *S, cc_shift_plan *const *plans, size_t t, size_t i)
{
    if (S->teams[t].active && plans[t])
        return plans[t]->coverage[i];
    return cc_plan_on_duty(&S->p->teams[t], i);
}

/*
 * Where each team can have agents at all: under its shift rules when the
 * search rosters it, else where its staffing has agents on duty.
 */
void cc_lc_find_reach(search *S)
{
    S->reach = cc_xcalloc(S->nt * S->n, 1);
    for (size_t t = 0; t < S->nt; t++) {
        const cc_planner_team *pt = &S->p->teams[t];
        unsigned char *r = &S->reach[t * S->n];
        if (pt->n_rules > 0 && !pt->fixed && pt->required_hours > 0) {
            cc_shift_problem pr;
            memset(&pr, 0, sizeof pr);
            pr.n_intervals = S->n;
            pr.interval_s = S->p->s->interval_s;
            pr.first_weekday = S->p->s->start_weekday;
            pr.rules = pt->rules;
            pr.n_rules = pt->n_rules;
            cc_plan_shifts_reach(&pr, r);
        } else {
            for (size_t i = 0; i < S->n; i++)
                r[i] = cc_plan_on_duty(pt, i) > 0;
        }
    }
}

/*
 * 1 when team t answers channel c's contacts in time: it serves c, and not
 * only by an overflow that waits as long as the answer time or longer (an
 * agent more there would answer, but never within the target).
 */
static int serves_in_time(const cc_scenario *s, size_t t, size_t c)
{
    const cc_channel *ch = &s->channels[c];
    if (!cc_scenario_team_serves(s, (int)t, (int)c))
        return 0;
    for (int k = 0; k < ch->n_route_teams; k++)
        if (ch->route_teams[k] == (int)t)
            return 1;
    for (int k = 0; k < ch->n_overflow; k++)
        if (ch->overflow_teams[k] == (int)t && ch->overflow_after_s[k] < ch->target.answer_within_s)
            return 1;
    return ch->n_route_teams == 0 && ch->n_overflow == 0;
}

/*
 * 1 when no roster the rules allow can meet channel c's target over
 * intervals [a, b]: the contacts arriving where no team serving c can be on
 * duty before their answer time runs out exceed what the target lets miss
 * (1 - the SL goal; the abandonment cap where customers abandon). The
 * search leaves such a period out; the plan reports it.
 */
int cc_lc_unreachable(const search *S, size_t c, size_t a, size_t b)
{
    const cc_scenario *s = S->p->s;
    const cc_channel *ch = &s->channels[c];
    const double *contacts = S->p->channels[c].contacts;
    size_t w = (size_t)ceil(ch->target.answer_within_s / s->interval_s - 1e-9);
    double allowed = 1.0, lost = 0.0, sum = 0.0;

    if (ch->target.service_level > 0)
        allowed = 1.0 - ch->target.service_level;
    if (ch->target.has_max_abandon && cc_lc_queue_patience(s, c) > 0)
        allowed = fmin(allowed, ch->target.max_abandon);
    if (w < 1)
        w = 1;
    for (size_t i = a; i <= b; i++) {
        int covered = 0;
        sum += contacts[i];
        for (size_t t = 0; t < S->nt && !covered; t++) {
            if (!serves_in_time(s, t, c))
                continue;
            for (size_t j = i; j < i + w && j < S->n && !covered; j++)
                covered = S->reach[t * S->n + j];
        }
        if (!covered)
            lost += contacts[i];
    }
    return allowed < 1.0 && sum > 0 && lost > allowed * sum * (1.0 + 1e-9);
}

/* A cut: team t gets one agent more than it has on duty in interval i, for good. */
static void add_cut(search *S, cc_shift_plan *const *plans, size_t t, size_t i)
{
    lc_team *T = &S->teams[t];
    long want = cc_lc_on_duty(S, plans, t, i) + 1;
    if (want <= T->floor[i])
        return;
    T->floor[i] = want;
    if (T->need_held && want > T->need_held[i])
        T->need_held[i] = want;
    T->stale[i] = 1;
}

/*
 * The team a cut in interval i of channel c goes to: of the searched teams
 * serving c that can be on duty in i, the one with the largest share of c
 * there (nt when none can: the cut would buy nothing).
 */
static size_t cut_team(const search *S, size_t c, size_t i)
{
    const cc_planner_channel *pc = &S->p->channels[c];
    size_t best = S->nt;
    double best_share = -1.0;
    for (size_t t = 0; t < S->nt; t++) {
        if (!S->teams[t].active || !S->reach[t * S->n + i] || !serves_in_time(S->p->s, t, c))
            continue;
        if (pc->share[t * S->n + i] > best_share) {
            best_share = pc->share[t * S->n + i];
            best = t;
        }
    }
    return best;
}

/*
 * The cut of a deferred channel's period that missed: its contacts are
 * answered from a backlog, so what a late contact lacked was an agent
 * somewhere between its arrival and its deadline. Of the intervals whose
 * arrivals ran late, the one with the most late; inside its answer window,
 * the searched team serving the channel whose spare capacity (net agents on
 * duty less the team's work there) is least where its rules can put an
 * agent gets one agent more, for good: the backlog drains fastest through
 * the hour that held it up.
 */
static void cut_deferred(search *S, cc_shift_plan *const *plans, const cc_results *r,
                         const period *pd)
{
    const cc_scenario *s = S->p->s;
    size_t n = S->n, at = pd->a, best_t = S->nt, put = pd->a;
    size_t window = (size_t)ceil(s->channels[pd->channel].target.answer_within_s / s->interval_s);
    double worst = -1.0, least = INFINITY;

    for (size_t i = pd->a; i <= pd->b; i++) {
        const cc_pooled *x = &r->intervals[i * S->nc + pd->channel].pooled;
        double late = x->presented - x->excluded - x->in_target;
        if (late > worst) {
            worst = late;
            at = i;
        }
    }
    if (worst <= 0)
        return;
    for (size_t t = 0; t < S->nt; t++) {
        double net = cc_lc_net_of_gross(s, s->teams[t].shrinkage);
        if (!S->teams[t].active || !serves_in_time(s, t, pd->channel))
            continue;
        for (size_t j = at; j < at + (window ? window : 1) && j < n; j++) {
            double spare = net * (double)cc_lc_on_duty(S, plans, t, j) - S->teams[t].busy[j];
            if (S->reach[t * n + j] && spare < least) {
                least = spare;
                put = j;
                best_t = t;
            }
        }
    }
    if (best_t == S->nt)
        return;
    add_cut(S, plans, best_t, put);
}

/*
 * Cuts, as in the cutting-plane staffing of Atlason, Epelman and Henderson
 * reduced to its simplest valid form: a period that missed on the search's
 * seed gets one agent more than it had, for good, in its interval that lost
 * the most (late contacts for SL, abandoned ones, or waiting time for ASA)
 * among those some searched team can reach, from that team (cut_team). The
 * floors only rise, so a round cannot hand the shortfall back, and the
 * search cannot cycle between rosters that miss.
 */
void cc_lc_cut_missed(search *S, cc_shift_plan *const *plans, const cc_results *r)
{
    for (size_t q = 0; q < S->n_periods; q++) {
        const period *pd = &S->periods[q];
        const cc_planner_channel *pc = &S->p->channels[pd->channel];
        size_t at = pd->a, best_t = S->nt;
        double worst = -1.0;
        if (!pd->missed)
            continue;
        if (pc->deferred) {
            cut_deferred(S, plans, r, pd);
            continue;
        }
        for (size_t i = pd->a; i <= pd->b; i++) {
            const cc_pooled *x = &r->intervals[i * S->nc + pd->channel].pooled;
            const cc_channel *ch = &S->p->s->channels[pd->channel];
            int sl = (pd->missed & CC_MISS_SL) ||
                     ((pd->missed & CC_MISS_RISK) && ch->target.service_level > 0);
            double loss = sl                               ? x->presented - x->excluded - x->in_target
                          : (pd->missed & CC_MISS_ABANDON) ? x->abandoned
                                                           : x->wait_answered_s;
            size_t t = cut_team(S, pd->channel, i);
            if (t < S->nt && loss > worst) {
                worst = loss;
                at = i;
                best_t = t;
            }
        }
        if (best_t == S->nt)
            continue;
        add_cut(S, plans, best_t, at);
    }
}

/*
 * Late in a search that has accepted no roster, the rows' trimming keeps
 * opening new misses as fast as the cuts close old ones. From then on the
 * roster just simulated is held as the floor and only cuts are added, so
 * the misses can only fall: the search ends with a roster that meets,
 * trimmed as far as the rounds before got. What it was asked to cover (its
 * floors and the agents its rows took), raised by the cuts, stays its
 * requirement (need_held), so the schedule efficiency keeps meaning
 * required over paid.
 */
void cc_lc_hold_floors(search *S, cc_shift_plan *const *plans)
{
    for (size_t t = 0; t < S->nt; t++) {
        lc_team *T = &S->teams[t];
        if (!T->active || !plans[t])
            continue;
        T->need_held = cc_xmalloc(S->n * sizeof *T->need_held);
        memcpy(T->need_held, plans[t]->needed, S->n * sizeof *T->need_held);
        for (size_t i = 0; i < S->n; i++) {
            if (plans[t]->coverage[i] > T->floor[i]) {
                T->floor[i] = plans[t]->coverage[i];
                T->stale[i] = 1;
            }
        }
    }
}