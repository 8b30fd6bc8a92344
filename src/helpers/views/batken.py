"""Presentation of report 01 (Batken): column formats, captions, sentences and figures.

Every function takes the presenter ``p`` (its translator is ``p._``) and results the notebook
computed, and displays them or returns text. No model is fitted here: the notebook shows which
helper computes which number.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers import figures, trends
from helpers.presentation import Col


def span(p, start, end) -> str:
    """A range of years, e.g. 2013–2023."""
    _ = p._
    return p.text(_("{start}–{end}"), start=int(start), end=int(end))


def level_label(p, level) -> str:
    """An interval's level as the parameter gave it, in the report language: 95, 97.5 (97,5 in Russian)."""
    return p.number_as_given(level)


def interval(p, level) -> dict:
    """The fields of headers that name an interval's level (e.g. {"level": "95"})."""
    return {"level": level_label(p, level)}


def _quote_table(p, frame, key: str, labels: str, key_header: str, caption: str, data: str) -> None:
    """A table of quotes from the article (Kyrgyz) with their English gloss."""
    _ = p._
    columns = {
        key: Col(key_header, labels=labels),
        "quote_ky": Col(_("Quote (original)"), lang="ky"),
        "gloss_en": Col(_("English gloss"), lang="en"),
    }
    p.table(frame, columns, caption=caption, data=[data])


def causes_table(p, causes) -> None:
    """The causes of migration the article names."""
    _ = p._
    caption = _("Causes of migration from Batken oblast named by the article, in its words and with an English gloss")
    _quote_table(p, causes, "category", "cause", _("Category"), caption, "batken_causes")


def directions_table(p, directions) -> None:
    """The directions of internal migration, as the article lists them twice."""
    _ = p._
    caption = _("Directions of internal migration, as the article lists them twice")
    _quote_table(p, directions, "list_stated", "list", _("Statement"), caption, "batken_internal_directions")


def recommendations_table(p, recommendations) -> None:
    """The article's recommendations and state measures."""
    _ = p._
    caption = _("The article's recommendations and state measures")
    _quote_table(p, recommendations, "group", "group", _("Category"), caption, "batken_recommendations")


def explanations_table(p, explanations) -> None:
    """The article's own explanation of the rise in arrivals."""
    _ = p._
    caption = _("The article's own explanation of the rise in arrivals")
    _quote_table(p, explanations, "subject", "flow", _("Flow"), caption, "batken_explanations")


def flows_figure(p, flows, start_year: int, end_year: int) -> None:
    """Line chart of arrivals, departures and net migration by year."""
    _ = p._
    fig, ax = plt.subplots()
    for flow in ("arrivals", "departures", "net"):
        ax.plot(flows.index, flows[flow], marker="o", color=figures.COLOURS[flow], label=_.label("flow", flow))
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.legend(frameon=False)
    ax.set_xticks(flows.index)
    title = _("Interregional migration of Batken oblast, {start}–{end}", start=start_year, end=end_year)
    figures.finish(
        fig, ax, title, _("Year"), _("Persons"), _("Source: Batken article, Table 1; compendium calculations"), lang=p.lang
    )
    alt = _(
        "Line chart of the interregional arrivals, departures and net migration of Batken oblast by "
        "year, {years}; net migration lies between {low:,} and {high:,} persons a year."
    )
    years = span(p, start_year, end_year)
    p.figure(fig, caption=title, alt=p.text(alt, years=years, low=flows["net"].min(), high=flows["net"].max()))


def net_correction_note(p, net_differs: list[int]) -> None:
    """Say in which years Table 1's printed net is not arrivals minus departures (nothing if none)."""
    _ = p._
    if net_differs:
        text = _(
            "As printed, Table 1's net differs from arrivals minus departures in {years}; the figure and "
            "every result here use arrivals minus departures (section 7 lists the correction)."
        )
        p.say(p.text(text, years=", ".join(map(str, net_differs))))


def with_spec_labels(p, trend_table, flows, shift_year) -> pd.DataFrame:
    """``trend_table`` with the specification's label and the years each fit covers."""
    _ = p._
    first, last = flows.index.min(), flows.index.max()
    spec = [_.label("spec", spec_id, shift=shift_year) for spec_id in trend_table["spec_id"]]
    years = [span(p, shift_year if s == "after_shift" else first, last) for s in trend_table["spec_id"]]
    return trend_table.assign(spec=spec, years=years)


def trend_table(p, table, shift_year, level, data: str) -> None:
    """The log-linear trends of each flow, with the level shift's columns when one is fitted."""
    _ = p._
    fields = interval(p, level)
    columns = {
        "flow_id": Col(_("Flow"), labels="flow"),
        "spec": Col(_("Specification")),
        "years": Col(_("Years")),
        "model_id": Col(_("Model"), labels="model"),
        "dispersion": Col(_("Pearson dispersion"), "number", decimals=1),
        "annual_pct_change": Col(_("Annual change, %"), "number", decimals=1, sign=True),
        "ci_low": Col(_("Lower bound of the {level} % CI"), "number", decimals=1, unit=_("%"), fields=fields),
        "ci_high": Col(_("Upper bound of the {level} % CI"), "number", decimals=1, unit=_("%"), fields=fields),
        "p_value": Col(_("Trend p-value"), "pvalue"),
    }
    if shift_year is not None:
        shift = {"decimals": 0, "sign": True, "unit": _("%"), "fields": fields}
        columns |= {
            "shift_pct": Col(_("Level shift, %"), "number", decimals=0, sign=True),
            "shift_ci_low": Col(_("Shift, lower bound of the {level} % CI"), "number", **shift),
            "shift_ci_high": Col(_("Shift, upper bound of the {level} % CI"), "number", **shift),
        }
    columns |= {"resid_lag1": Col(_("Lag-1 residual autocorrelation"), "number", decimals=2)}
    caption = _(
        "Log-linear trend of interregional arrivals and departures (Poisson GLM with quasi-likelihood "
        "scale), {level} % confidence intervals",
        level=fields["level"],
    )
    p.table(table, columns, caption=caption, data=[data])


def kendall_table(p, kendall, start_year: int, end_year: int, data: str) -> None:
    """Kendall's tau of each flow on the year."""
    _ = p._
    columns = {
        "flow_id": Col(_("Flow"), labels="flow"),
        "tau": Col(_("Kendall's tau"), "number", decimals=2),
        "p_value": Col(_("Kendall p-value"), "pvalue"),
        "method": Col(_("Computation of the p-value"), labels="method"),
    }
    years = span(p, start_year, end_year)
    caption = _("Kendall's tau of each flow on the year (Mann–Kendall test), {years}", years=years)
    p.table(kendall, columns, caption=caption, data=[data])


def break_sentence(p, row, flow: str, level) -> str:
    """The sup-F result of one flow (``row``: a row of the break table) in a sentence."""
    _ = p._
    text = _(
        "{flow}: a step fits best in {year} (sup-F = {f:.1f}, {p_value} for no step in any year); allowing "
        "for that choice, the step is {step:+.0f} % ({level} % interval {low:+.0f} to {high:+.0f} %), "
        "and {share:.0f} % of the bootstrap draws choose {year} again."
    )
    return p.text(
        text,
        flow=flow,
        year=int(row["break_year"]),
        f=row["sup_f"],
        p_value=p.p_value(row["p_value"]),
        step=row["step_pct"],
        level=level_label(p, level),
        low=row["step_ci_low"],
        high=row["step_ci_high"],
        share=100 * row["same_year_share"],
    )


def break_table(p, breaks, candidates, level, data: str) -> None:
    """The sup-F test of each flow: a table and a sentence per flow."""
    _ = p._
    fields = interval(p, level)
    step = {"decimals": 0, "sign": True, "unit": _("%"), "fields": fields}
    columns = {
        "flow_id": Col(_("Flow"), labels="flow"),
        "break_year": Col(_("Best year for a step"), "year"),
        "sup_f": Col(_("sup-F"), "number", decimals=1),
        "p_value": Col(_("p-value (bootstrap)"), "pvalue"),
        "step_pct": Col(_("Step at the best year, %"), "number", decimals=0, sign=True),
        "step_ci_low": Col(_("Step, lower bound of the {level} % interval"), "number", **step),
        "step_ci_high": Col(_("Step, upper bound of the {level} % interval"), "number", **step),
        "same_year_pct": Col(_("Draws choosing the same year, %"), "number", decimals=0),
    }
    caption = _(
        "Sup-F test for one level shift at an unknown year (log-linear trend, candidate years {candidates}, "
        "{draws:,} parametric-bootstrap draws); the step's {level} % interval re-chooses the year in "
        "every draw",
        candidates=span(p, candidates[0], candidates[-1]),
        draws=int(breaks["draws"].iloc[0]),
        level=fields["level"],
    )
    p.table(breaks.assign(same_year_pct=100 * breaks["same_year_share"]), columns, caption=caption, data=[data])
    p.say(*[break_sentence(p, row, _.label("flow", row["flow_id"]), level) for _i, row in breaks.iterrows()])


def too_short_for_break(p, n: int) -> None:
    """Say that the series is too short for the sup-F test."""
    _ = p._
    text = _(
        "A series of {n} {n:@year|years} is too short for a step test (it needs at least two years on each side of the step)."
    )
    p.say(p.text(text, n=n))


def describe_trend(p, row, shift_year, level) -> str:
    """Sentences on a fitted trend (a row of the trend table), in the report language."""
    _ = p._
    direction = "up" if row.annual_pct_change > 0 else "down"
    fields = {
        "flow": _.label("flow_subject", row.flow_id),
        "pct": abs(row.annual_pct_change),
        "years": row.years,
        "level": level_label(p, level),
        "low": row.ci_low,
        "high": row.ci_high,
    }
    if row.spec_id == "level_shift":
        shift = {"shift": row.shift_pct, "shift_low": row.shift_ci_low, "shift_high": row.shift_ci_high}
        text = p.text(_.label("say_trend_shift", direction), **fields, **shift, shift_year=shift_year)
    else:
        text = p.text(_.label("say_trend", direction), **fields)
    clear = row.ci_low > 0 or row.ci_high < 0
    verdict = _("The interval excludes zero.") if clear else _("The interval includes zero, so no trend is established.")
    return f"{text} {p.text(verdict)}"


def step_means_sentence(p, before, after) -> str:
    """The mean departures and arrivals either side of the level shift."""
    _ = p._
    text = _(
        "Either side of the shift: departures averaged {dep_before:,.0f} a year in {before} and {dep_after:,.0f} "
        "in {after}; arrivals {arr_before:,.0f} and {arr_after:,.0f}."
    )
    return p.text(
        text,
        before=span(p, before.index.min(), before.index.max()),
        after=span(p, after.index.min(), after.index.max()),
        dep_before=before["departures"].mean(),
        dep_after=after["departures"].mean(),
        arr_before=before["arrivals"].mean(),
        arr_after=after["arrivals"].mean(),
    )


def step_sentences(p, flows, steps, shift_year, headline, one_line, best_departures, level) -> list[str]:
    """What the step in ``shift_year`` (``steps``: each flow's ratio to the year before) does to the
    flows and to the one-line trend of departures."""
    _ = p._
    text = _("From {before} to {after} arrivals were multiplied by {arrivals:.1f} and departures by {departures:.1f}.")
    sentences = [
        p.text(text, before=shift_year - 1, after=shift_year, arrivals=steps["arrivals"], departures=steps["departures"]),
        step_means_sentence(p, flows[flows.index < shift_year], flows[flows.index >= shift_year]),
    ]
    line, step = one_line.loc["departures"], headline.loc["departures"]
    level_text = level_label(p, level)
    if step.shift_ci_low > 0 or step.shift_ci_high < 0:
        text = _(
            "As one line over {years}, departures would seem to change by {pct:+.1f} % a year ({level} "
            "% CI {low:.1f} to {high:.1f} %), but that average is driven by the step, which may be a change "
            "in recording or a real change such as the returns and the special status the article names "
            "(quoted above); the level-shift model separates the step from the trend."
        )
        fields = {"low": line.ci_low, "high": line.ci_high}
    else:
        text = _(
            "In {shift_year} departures step by {shift:+.0f} % ({level} % CI {low:+.0f} to {high:+.0f} "
            "%, conditional on that year): no clear step there, so one line over {years} ({pct:+.1f} % "
            "a year) describes the series as well."
        )
        fields = {"shift_year": shift_year, "shift": step.shift_pct, "low": step.shift_ci_low, "high": step.shift_ci_high}
    sentences.append(p.text(text, years=line.years, pct=line.annual_pct_change, level=level_text, **fields))
    if best_departures is not None and best_departures != shift_year:
        text = _(
            "For departures, the year set by `shift_year` ({shift_year}) is not the year where a step fits "
            "best ({best}); the level-shift fits above are conditional on {shift_year}."
        )
        sentences.append(p.text(text, shift_year=shift_year, best=best_departures))
    return sentences


def autocorrelation_sentences(p, lag1: pd.Series, n_years: int) -> str:
    """What the signs of the fits' lag-1 residual autocorrelations (``lag1``, one per fit) mean for
    their intervals, and why no test of them is reported on ``n_years`` points."""
    _ = p._
    sentences = []
    negative, total = int((lag1 < 0).sum()), len(lag1)
    if negative == total:
        text = _(
            "The residuals' lag-1 autocorrelation is negative in every fit ({total}): residuals that "
            "alternate in sign make naive intervals conservative."
        )
    elif int((lag1 > 0).sum()) == total:
        text = _(
            "The residuals' lag-1 autocorrelation is positive in every fit ({total}), which would make naive "
            "intervals too narrow."
        )
    else:
        text = _(
            "The residuals' lag-1 autocorrelation is negative in {negative} of {total} {total:@fit|fits} "
            "(residuals that alternate in sign, which make naive intervals conservative) and positive in "
            "the others (which would make them too narrow)."
        )
    sentences.append(p.text(text, negative=negative, total=total))
    text = _(
        "With at most {n} {n:@annual point|annual points} neither sign can be told from chance: a test of "
        "serial correlation such as Ljung–Box has almost no power here, so none is reported."
    )
    sentences.append(p.text(text, n=n_years))
    return " ".join(sentences)


def trend_discussion(p, flows, trend_table, headline, one_line, steps, shift_year, shift_outside, best_departures, level) -> None:
    """The headline trends in words, then the level shift and the residuals' autocorrelation."""
    _ = p._
    p.say(*[describe_trend(p, row, shift_year, level) for _flow, row in headline.iterrows()])
    sentences = []
    if shift_outside:
        text = _(
            "The level shift (parameter `shift_year`) lies outside the analysed years or too close to their "
            "ends, so one trend is fitted."
        )
        sentences.append(p.text(text))
    if shift_year is not None:
        sentences += step_sentences(p, flows, steps, shift_year, headline, one_line, best_departures, level)
    sentences.append(autocorrelation_sentences(p, trend_table["resid_lag1"], len(flows)))
    p.say(*sentences)


def effectiveness_figure(p, mer, start_year: int, end_year: int) -> None:
    """Bar chart of the migration effectiveness ratio by year."""
    _ = p._
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.bar(mer.index, mer.values, color=figures.COLOURS["loss"])
    ax.set_ylim(-1, max(0.05, mer.max() + 0.05))  # the ratio's floor is -1; room for any gain
    ax.set_xticks(mer.index)
    title = _("Migration effectiveness ratio, net / (arrivals + departures)")
    figures.finish(
        fig,
        ax,
        title,
        _("Year"),
        _("Ratio, from -1 to 1"),
        _("Source: Batken article, Table 1; compendium calculations"),
        lang=p.lang,
    )
    alt = _(
        "Bar chart of the migration effectiveness ratio of Batken oblast by year, {years}: from {low:.2f} "
        "to {high:.2f}, negative in {n} of {total} {total:@year|years}."
    )
    fields = {"low": mer.min(), "high": mer.max(), "n": int((mer < 0).sum()), "total": len(mer)}
    p.figure(fig, caption=title, alt=p.text(alt, years=span(p, start_year, end_year), **fields))


def effectiveness_sentences(p, mer) -> None:
    """The range of the effectiveness ratio and the years of net loss."""
    _ = p._
    loss_years = int((mer < 0).sum())
    text = _("The ratio ranges from {low:.2f} ({low_year}) to {high:.2f} ({high_year}).")
    sentences = [
        p.text(text, low=mer.min(), low_year=int(mer.idxmin()), high=mer.max(), high_year=int(mer.idxmax())),
        p.text(_("Departures exceed arrivals in {n} of {total} {total:@year|years}."), n=loss_years, total=len(mer)),
    ]
    if loss_years == len(mer):
        sentences.append(p.text(_("Interregional movement is a net loss for the oblast in every year analysed.")))
    p.say(*sentences)


def decomposition_table(p, parts, start_year: int, end_year: int, data: str) -> None:
    """The change of net migration split into arrivals' and departures' parts, and in a sentence."""
    _ = p._
    columns = {
        "period": Col(_("Years")),
        "net_before": Col(_("Net, first year"), "count"),
        "net_after": Col(_("Net, last year"), "count"),
        "net_change": Col(_("Change of net"), "count", sign=True),
        "arrivals_part": Col(_("Due to arrivals"), "count", sign=True),
        "departures_part": Col(_("Due to departures"), "count", sign=True),
    }
    caption = _(
        "Change of net migration between the first and the last year, split into the parts due to arrivals "
        "and to departures (persons)"
    )
    p.table(parts.assign(period=span(p, start_year, end_year)), columns, caption=caption, data=[data])
    part = parts.iloc[0]
    text = _(
        "Net migration went from {before:,} in {start} to {after:,} in {end} ({change:+,}): arrivals "
        "contributed {arrivals:+,} and departures {departures:+,}."
    )
    p.say(
        p.text(
            text,
            before=part["net_before"],
            start=start_year,
            after=part["net_after"],
            end=end_year,
            change=part["net_change"],
            arrivals=part["arrivals_part"],
            departures=part["departures_part"],
        ),
        p.text(_("These are complete registered counts, so the decomposition is exact and carries no sampling interval.")),
    )


def sex_section_skipped(p, table2, start_year: int, end_year: int) -> None:
    """Say that the chosen years leave too few years of Table 2."""
    _ = p._
    text = _(
        "Table 2 covers {covered}; the chosen years {chosen} leave fewer than three of its years, so this section is skipped."
    )
    covered = span(p, table2["year"].min(), table2["year"].max())
    p.say(p.text(text, covered=covered, chosen=span(p, start_year, end_year)))


def sex_table(p, wide, level) -> None:
    """Female shares with Wilson intervals and the sex ratio, by flow and year."""
    _ = p._
    wilson = {"decimals": 1, "unit": _("%"), "fields": interval(p, level)}
    columns = {
        "flow": Col(_("Flow"), labels="flow"),
        "year": Col(_("Year"), "year"),
        "total": Col(_("Total"), "count"),
        "female": Col(_("Female"), "count"),
        "female_share": Col(_("Female share, %"), "number", decimals=1),
        "ci_low": Col(_("Lower bound of the {level} % Wilson interval"), "number", **wilson),
        "ci_high": Col(_("Upper bound of the {level} % Wilson interval"), "number", **wilson),
        "sex_ratio": Col(_.pgettext("col", "Males per 100 females"), "number", decimals=1),
    }
    caption = _(
        "Female share of interregional arrivals and departures, with Wilson intervals, and the sex ratio, {years}",
        years=span(p, wide["year"].min(), wide["year"].max()),
    )
    p.table(wide, columns, caption=caption, data=["batken_table2_interregional_by_sex"])


def female_share_figure(p, wide, level) -> None:
    """The female share of each flow by year, with Wilson intervals as error bars."""
    _ = p._
    level_text = level_label(p, level)
    fig, ax = plt.subplots()
    for flow, offset in (("arrivals", -0.1), ("departures", 0.1)):
        part = wide[wide["flow"] == flow]
        yerr = [part["female_share"] - part["ci_low"], part["ci_high"] - part["female_share"]]
        colour = figures.COLOURS[flow]
        ax.errorbar(
            part["year"] + offset, part["female_share"], yerr=yerr, fmt="o-", capsize=3, color=colour, label=_.label("flow", flow)
        )
    ax.axhline(50, color="0.6", linewidth=0.8)
    ax.set_xticks(sorted(wide["year"].unique()))
    ax.legend(frameon=False)
    title = _("Female share of interregional flows, with {level} % Wilson intervals", level=level_text)
    source = _("Source: Batken article, Table 2; compendium calculations")
    figures.finish(fig, ax, title, _("Year"), _.pgettext("axis", "Share, %"), source, lang=p.lang)
    alt = _(
        "Female share of interregional arrivals and departures by year, {years}, with {level} % Wilson "
        "intervals and a line at 50 %: among arrivals from {arrivals_low:.1f} to {arrivals_high:.1f} "
        "%, among departures from {departures_low:.1f} to {departures_high:.1f} %."
    )
    shares = {flow: wide.loc[wide["flow"] == flow, "female_share"] for flow in ("arrivals", "departures")}
    fields = {f"{flow}_low": share.min() for flow, share in shares.items()}
    fields |= {f"{flow}_high": share.max() for flow, share in shares.items()}
    years = span(p, wide["year"].min(), wide["year"].max())
    p.figure(fig, caption=title, alt=p.text(alt, years=years, level=level_text, **fields))


def share_trend(p, trend: dict, dep, level) -> None:
    """The binomial GLM of the female share of departures: a table and its reading."""
    _ = p._
    fields = interval(p, level)
    columns = {
        "model_id": Col(_("Model"), labels="model"),
        "dispersion": Col(_("Pearson dispersion"), "number", decimals=2),
        "odds_ratio_per_year": Col(_("Odds ratio per year"), "number", decimals=3),
        "ci_low": Col(_("Lower bound of the {level} % CI"), "number", decimals=3, fields=fields),
        "ci_high": Col(_("Upper bound of the {level} % CI"), "number", decimals=3, fields=fields),
        "p_value": Col(_("Trend p-value"), "pvalue"),
    }
    caption = _(
        "Trend in the female share of departures: binomial GLM (logit), odds ratio per year, {years}",
        years=span(p, dep["year"].min(), dep["year"].max()),
    )
    p.table(pd.DataFrame([trend]), columns, caption=caption, data=["batken_table2_interregional_by_sex"])
    verdict = "rising" if trend["ci_low"] > 1 else "falling" if trend["ci_high"] < 1 else "unclear"
    text = _(
        "The female share of departures went from {first:.1f} % in {first_year} to {last:.1f} % in "
        "{last_year}; women were the majority of leavers in {n} of {total} {total:@year|years}."
    )
    p.say(
        p.text(
            _.label("say_share_trend", verdict),
            odds=trend["odds_ratio_per_year"],
            level=fields["level"],
            low=trend["ci_low"],
            high=trend["ci_high"],
            model=_.label("model", trend["model_id"]),
        ),
        p.text(
            text,
            first=dep["female_share"].iloc[0],
            first_year=int(dep["year"].iloc[0]),
            last=dep["female_share"].iloc[-1],
            last_year=int(dep["year"].iloc[-1]),
            n=int((dep["female_share"] > 50).sum()),
            total=len(dep),
        ),
    )


def share_of_loss_sentence(p, sex_net) -> str:
    """Women's share of the net loss from the first to the last year."""
    _ = p._
    first, last = sex_net.iloc[0], sex_net.iloc[-1]
    text = _("Women's share of the net loss went from {first:.1f} % in {first_year} to {last:.1f} % in {last_year}.")
    return p.text(
        text,
        first=first["female_share_of_net"],
        first_year=int(first["year"]),
        last=last["female_share_of_net"],
        last_year=int(last["year"]),
    )


def sex_net_table(p, sex_net) -> None:
    """Net migration and effectiveness by sex, women's share of the net loss, in a table and sentences."""
    _ = p._
    columns = {
        "year": Col(_("Year"), "year"),
        "net_female": Col(_("Net, women"), "count"),
        "net_male": Col(_("Net, men"), "count"),
        "net_total": Col(_("Net, total"), "count"),
        "eff_female": Col(_("Effectiveness, women"), "number", decimals=2),
        "eff_male": Col(_("Effectiveness, men"), "number", decimals=2),
        "female_share_of_net": Col(_("Women's share of net, %"), "number", decimals=1),
    }
    caption = _(
        "Net interregional migration and effectiveness ratio by sex, and women's share of the net loss, {years}",
        years=span(p, sex_net["year"].min(), sex_net["year"].max()),
    )
    p.table(sex_net, columns, caption=caption, data=["batken_table2_interregional_by_sex"])
    share_of_loss = (
        share_of_loss_sentence(p, sex_net)
        if (sex_net["net_total"] < 0).all()
        else p.text(_("The net balance is not a loss in every year, so a share of the loss is not defined throughout."))
    )
    text = _(
        "The effectiveness ratio of women ranged from {female_low:.2f} to {female_high:.2f}, of men "
        "from {male_low:.2f} to {male_high:.2f}."
    )
    female, male = sex_net["eff_female"], sex_net["eff_male"]
    fields = {"female_low": female.min(), "female_high": female.max(), "male_low": male.min(), "male_high": male.max()}
    p.say(share_of_loss, p.text(text, **fields))


def destination_years(p, dest) -> str:
    """The years the destination counts cover, e.g. 2014–2023."""
    return span(p, dest["period_start"].iloc[0], dest["period_end"].iloc[0])


def destinations(p, dest, external_departures) -> None:
    """Emigration by the listed destinations: table, bar chart, and how small the list is."""
    _ = p._
    years = destination_years(p, dest)
    columns = {
        "destination_iso": Col(_("Destination"), labels="country"),
        "value": Col(_("Persons"), "count"),
        "share": Col(_("Share of the listed destinations, %"), "number", decimals=1),
    }
    caption = _(
        "Emigration from Batken oblast by destination, {years}, and each destination's share of the listed total", years=years
    )
    p.table(dest, columns, caption=caption, data=["batken_emigration_by_destination"])
    names = [_.label("country", c) for c in dest["destination_iso"]]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.barh(names[::-1], dest["value"].iloc[::-1], color=figures.COLOURS["departures"])
    start, end = int(dest["period_start"].iloc[0]), int(dest["period_end"].iloc[0])
    title = _("Emigration from Batken oblast by destination, {start}–{end}", start=start, end=end)
    source = _("Source: Batken article, text; compendium calculations")
    figures.finish(fig, ax, title, _("Persons"), _("Destination"), source, lang=p.lang)
    items = [p.text(_("{name}: {n:,}"), name=name, n=value) for name, value in zip(names, dest["value"], strict=True)]
    alt = _("Horizontal bar chart of emigrants from Batken oblast by destination, {years}: {items}.")
    p.figure(fig, caption=title, alt=p.text(alt, years=years, items="; ".join(items)))
    text = _(
        "The five destinations total {total:,} emigrants for {years}, about {per_year:,.0f} a year, "
        "while the article's external totals give {low:,} to {high:,} departures in a single year: "
        "the list is far from all emigration, so the shares and the ranking here hold only within it."
    )
    total = int(dest["value"].sum())
    low, high = int(external_departures.min()), int(external_departures.max())
    p.say(p.text(text, total=total, years=years, per_year=dest["value"].sum() / (end - start + 1), low=low, high=high))


def external_totals_table(p, external_view) -> None:
    """External totals as printed, with the year adopted in processing."""
    _ = p._
    columns = {
        "statement": Col(_("Statement"), labels="statement"),
        "flow": Col(_("Flow"), labels="flow"),
        "year_stated": Col(_("Year as printed"), "year"),
        "year_adopted": Col(_("Year adopted in processing"), "year"),
        "value": Col(_("Persons"), "count"),
        "quote": Col(_("Quote (original)"), lang="ky"),
    }
    caption = _("External migration totals as the article prints them, with the year adopted in processing")
    p.table(external_view, columns, caption=caption, data=["batken_external_totals_as_printed", "batken_external_totals"])


def no_common_year(p, start_year: int, end_year: int) -> None:
    """Say that no year with external totals lies in the analysed years."""
    _ = p._
    text = _("No year with external totals lies in {years}; the combination is skipped.")
    p.say(p.text(text, years=span(p, start_year, end_year)))


def combined_table(p, combined, data: str) -> None:
    """Interregional, external and combined balances, and the last common year in a sentence."""
    _ = p._
    columns = {
        "year": Col(_("Year"), "year"),
        "scope": Col(_("Migration"), labels="scope"),
        "arrivals": Col(_.pgettext("flow", "Arrivals"), "count"),
        "departures": Col(_.pgettext("flow", "Departures"), "count"),
        "net": Col(_("Net migration"), "count"),
        "effectiveness": Col(_("Effectiveness ratio"), "number", decimals=2),
    }
    caption = _("Interregional, external and combined migration balance in the years with external totals (persons)")
    p.table(combined, columns, caption=caption, data=[data, "batken_external_totals"])
    year = combined["year"].max()
    net = combined[combined["year"] == year].set_index("scope")["net"]
    text = _(
        "In {year} the external balance ({external:+,}) and the interregional one ({interregional:+,}) "
        "add up to {combined:+,} persons."
    )
    fields = {"external": net["external"], "interregional": net["interregional"], "combined": net["combined"]}
    p.say(p.text(text, year=year, **fields), p.text(_("Complete counts: no interval applies.")))


def working_age_table(p, wa, level) -> None:
    """Working-age shares as printed and recomputed, with Wilson intervals."""
    _ = p._
    wilson = {"decimals": 1, "unit": _("%"), "fields": interval(p, level)}
    columns = {
        "year_stated": Col(_("Year as printed"), "year"),
        "flow": Col(_("Flow"), labels="flow"),
        "total": Col(_("Total"), "count"),
        "working_age": Col(_("Of working age"), "count"),
        "share_pct_printed": Col(_("Printed share, %"), "number", decimals=1),
        "share": Col(_("Recomputed share, %"), "number", decimals=1),
        "ci_low": Col(_("Lower bound of the {level} % Wilson interval"), "number", **wilson),
        "ci_high": Col(_("Upper bound of the {level} % Wilson interval"), "number", **wilson),
    }
    caption = _("Working-age shares the article prints twice, recomputed from its counts, with Wilson intervals")
    p.table(wa, columns, caption=caption, data=["batken_working_age_shares"])


def forecast_figure(p, forecasts: dict, forecast_table, start_year: int, end_year: int, level) -> None:
    """Observed flows and their ETS forecasts (``forecasts``: flow -> ets_forecast frame) with intervals."""
    _ = p._
    level_text = level_label(p, level)
    fig, ax = plt.subplots()
    # Messages outside f-strings: the catalog extractor does not read calls inside them.
    observed, forecast = _("observed"), _("forecast")
    for flow, fc in forecasts.items():
        obs, fut = fc[fc["kind"] == "observed"], fc[fc["kind"] == "forecast"]
        colour, name = figures.COLOURS[flow], _.label("flow", flow)
        ax.plot(obs["year"], obs["value"], "o-", color=colour, label=f"{name}, {observed}")
        ax.plot(fut["year"], fut["value"], "o--", color=colour, label=f"{name}, {forecast} {fc.attrs['model']}")
        ax.fill_between(fut["year"], fut["pi_low"], fut["pi_high"], color=colour, alpha=0.15)
    ax.legend(frameon=False, fontsize=8)
    title = _("ETS forecast with {level} % prediction intervals", level=level_text)
    figures.finish(
        fig, ax, title, _("Year"), _("Persons"), _("Source: Batken article, Table 1; compendium calculations"), lang=p.lang
    )
    final = forecast_table[forecast_table["year"] == forecast_table["year"].max()].set_index("flow_id")
    alt = _(
        "Line chart of observed interregional arrivals and departures, {years}, and their forecast "
        "with {level} % prediction intervals; for {year} the forecast is {arrivals:,.0f} arrivals ({arrivals_low:,.0f} "
        "to {arrivals_high:,.0f}) and {departures:,.0f} departures ({departures_low:,.0f} to {departures_high:,.0f})."
    )
    fields = {}
    for flow in ("arrivals", "departures"):
        fields |= {
            flow: final.loc[flow, "value"],
            f"{flow}_low": final.loc[flow, "pi_low"],
            f"{flow}_high": final.loc[flow, "pi_high"],
        }
    years = span(p, start_year, end_year)
    p.figure(fig, caption=title, alt=p.text(alt, years=years, year=int(final["year"].iloc[0]), level=level_text, **fields))


def parameter_text(p, params: dict) -> str:
    """An ETS fit's parameters: smoothing parameters with 3 decimals, initial states with 1."""
    return "; ".join(f"{trends.ETS_SYMBOLS[k]} = {p.number(v, 3 if k in trends.ETS_BOUNDS else 1)}" for k, v in params.items())


def bound_text(p, on_bound) -> str:
    """The symbols of the parameters on a bound of their range, or "none"."""
    _ = p._
    return ", ".join(trends.ETS_SYMBOLS[k] for k in on_bound) or _("none")


def selection_table(p, selection, data: str) -> None:
    """The ETS models compared by AICc for each flow."""
    _ = p._
    columns = {
        "flow_id": Col(_("Flow"), labels="flow"),
        "model": Col(_("Model")),
        "aicc": Col(_("AICc"), "number", decimals=1),
        "delta_aicc": Col(_("ΔAICc"), "number", decimals=1),
        "params_text": Col(_("Parameters")),
        "bound_text": Col(_("On a bound")),
    }
    shown = selection.assign(
        params_text=[parameter_text(p, params) for params in selection["params"]],
        bound_text=[bound_text(p, on_bound) for on_bound in selection["on_bound"]],
    )
    caption = _("ETS models compared by AICc for each flow (the chosen model has ΔAICc = 0)")
    p.table(shown, columns, caption=caption, data=[data])


def _prediction_columns(p, level) -> dict:
    """Columns of a forecast and its prediction interval, in persons."""
    _ = p._
    persons = {"decimals": 0, "unit": _("persons")}
    return {
        "value": Col(_("Forecast"), "number", **persons),
        "pi_low": Col(_("Lower bound of the {level} % prediction interval"), "number", **persons, fields=interval(p, level)),
        "pi_high": Col(_("Upper bound of the {level} % prediction interval"), "number", **persons, fields=interval(p, level)),
    }


def forecast_table(p, table, level, data: str) -> None:
    """The forecasts of both flows with prediction intervals."""
    _ = p._
    columns = {"flow_id": Col(_("Flow"), labels="flow"), "model": Col(_("Model")), "year": Col(_("Year"), "year")}
    columns |= _prediction_columns(p, level)
    caption = _(
        "Forecast of interregional arrivals and departures with {level} % prediction intervals", level=level_label(p, level)
    )
    p.table(table, columns, caption=caption, data=[data])


def _choice_sentences(p, row, others, n: int) -> list[list[str]]:
    """Why AICc chose ``row`` (a chosen fit) over ``others``, and warnings on its parameters."""
    _ = p._
    flow = _.label("flow", row.flow_id)
    fields = {"flow": flow, "model": row.model, "params": parameter_text(p, row.params), "n": n}
    if pd.isna(row.aicc):
        text = _(
            "{flow}: with {n} years AICc is defined for none of the models (each has too many parameters "
            "for so few years), so the forecast uses the first candidate, the simplest: {model} ({params})."
        )
        paragraphs = [[p.text(text, **fields)]]
    elif others["delta_aicc"].notna().any():
        text = _("{flow}: AICc chooses {model} ({params}); the next best model is {delta:.1f} AICc points worse.")
        paragraphs = [[p.text(text, **fields, delta=others["delta_aicc"].min())]]
    else:
        text = _(
            "{flow}: AICc chooses {model} ({params}); the other models have too many parameters for {n} "
            "years, so their AICc is not defined."
        )
        paragraphs = [[p.text(text, **fields)]]
    if row.model == "ETS(A,N,N)" and trends.fixed_level(row.params):
        text = _(
            "{flow}: in ETS(A,N,N) with α at its lower bound the level never updates, so the forecast is "
            "one level and the variance of the h-step error, σ²·(1 + (h − 1)·α²), hardly grows with h: "
            "the interval is the same every year, which expresses no growing uncertainty about the future "
            "and is one more reason it is too narrow."
        )
        paragraphs.append([p.text(text, flow=flow)])
    if row.on_bound:
        text = _(
            "**Warning.** {flow}: in the chosen model {names} {n:@sits|sit} on the bound of the allowed "
            "range, so the optimum is a corner, not a turning point, and the fit is less certain than it "
            "looks."
        )
        paragraphs.append([p.text(text, flow=flow, names=bound_text(p, row.on_bound), n=len(row.on_bound))])
    return paragraphs


def model_choice(p, selection, n: int, level) -> None:
    """The model choice of each flow, fits on a bound, and what the intervals leave out, as paragraphs."""
    _ = p._
    paragraphs = []
    for row in selection[selection["chosen"]].itertuples():
        others = selection[(selection["flow_id"] == row.flow_id) & ~selection["chosen"]]
        paragraphs += _choice_sentences(p, row, others, n)
    rejected = selection[~selection["chosen"]]
    rejected_on_bounds = rejected[rejected["on_bound"].map(len) > 0]
    if len(rejected_on_bounds):
        text = _("Parameters sit on a bound in {n} of the {total} {total:@rejected fit|rejected fits}.")
        lines = [p.text(text, n=len(rejected_on_bounds), total=len(rejected))]
        fixed = int(rejected_on_bounds["params"].map(trends.fixed_line).sum())
        if fixed:
            text = _(
                "In {n} of them α and β sit at their lower bounds: such a model never updates its level or "
                "slope from their starting values, so it forecasts a fixed path (a straight line for ETS(A,A,N), "
                "a curve that levels off for the damped ETS(A,Ad,N) with φ < 1)."
            )
            lines.append(p.text(text, n=fixed))
        paragraphs.append(lines)
    assumptions = _(
        "**What the intervals leave out.** The {level} % prediction intervals assume the chosen model "
        "is right, its estimated parameters are the true ones, and the errors are independent and normal."
    )
    omissions = _(
        "They ignore the uncertainty of the parameters and of the model choice, and any new change "
        "in recording, so they are too narrow."
    )
    few = _("With {n} {n:@annual point|annual points} a forecast is little more than the recent level carried forward.")
    paragraphs.append([p.text(assumptions, level=level_label(p, level)), p.text(omissions), p.text(few, n=n)])
    for sentences in paragraphs:
        p.say(*sentences)


def backtest(p, held_out, k: int, n: int, start_year: int, end_year: int, level, data: str) -> None:
    """Forecasts of years Table 1 already holds against the observed counts, and the coverage in a sentence."""
    _ = p._
    inside = (held_out["observed"] >= held_out["pi_low"]) & (held_out["observed"] <= held_out["pi_high"])
    columns = {"flow_id": Col(_("Flow"), labels="flow"), "year": Col(_("Year"), "year")}
    columns |= _prediction_columns(p, level)
    columns |= {"observed": Col(_("Observed"), "count"), "inside": Col(_("Inside the interval"), labels="inside")}
    level_text = level_label(p, level)
    caption = _(
        "Backtest: the forecast from {years} against the years Table 1 already holds, with {level} % prediction intervals",
        years=span(p, start_year, end_year),
        level=level_text,
    )
    p.table(held_out.assign(inside=np.where(inside, "yes", "no")), columns, caption=caption, data=[data])
    text = _(
        "{k} of {n} held-out observations ({years}) lie inside their {level} % prediction interval. "
        "So few years can show only a gross failure: a share far below {level} % would mean the intervals "
        "are too narrow, while a share at or near 100 % is common with so few years even for correct "
        "intervals and proves little."
    )
    years = span(p, held_out["year"].min(), held_out["year"].max())
    p.say(p.text(text, k=k, n=n, years=years, level=level_text))


def _corrected_row(p, correction, tables: dict) -> str:
    """The processed row a correction changed, described in the report language."""
    _ = p._
    table = tables[correction.resource]
    row = table[table["correction_id"] == correction.correction_id].iloc[0]
    fields = {"flow": _.label("flow", row["flow"])}
    if "statement" in row:
        fields["statement"] = _.label("statement", row["statement"])
    if "year" in row:
        fields["year"] = int(row["year"])
    return p.text(_.label("row", correction.resource), **fields)


def _shown_value(p, value, column: str) -> str:
    """A corrected cell: years as is, counts grouped."""
    return p.number(int(value), 0, group=column != "year_stated")


def corrections_table(p, corrections, tables: dict, apply_corrections: bool) -> None:
    """The corrections adopted in processing (``tables``: the processed tables they changed, by name)."""
    _ = p._
    column = corrections["column"]
    shown = corrections.assign(
        where=[_corrected_row(p, c, tables) for c in corrections.itertuples()],
        printed_text=[_shown_value(p, v, c) for v, c in zip(corrections["printed"], column, strict=True)],
        adopted_text=[_shown_value(p, v, c) for v, c in zip(corrections["adopted"], column, strict=True)],
    )
    columns = {
        "resource": Col(_("Table"), labels="resource"),
        "where": Col(_("Row")),
        "column": Col(_("Corrected value"), labels="field"),
        "printed_text": Col(_("As printed")),
        "adopted_text": Col(_("Adopted")),
        "reason": Col(_("Reason (English)"), lang="en"),
        "evidence": Col(_("Evidence (English)"), lang="en"),
    }
    caption = _("Corrections adopted in processing (the raw transcription is never edited)")
    p.table(shown, columns, caption=caption, data=["corrections_applied"])
    p.say(
        p.text(
            _("This report uses Table 1 as corrected in processing (parameter `apply_corrections=True`).")
            if apply_corrections
            else _(
                "This report uses Table 1 as the article prints it, without the corrections "
                "(parameter `apply_corrections=False`)."
            )
        )
    )


def key_findings(p, flows, mer, headline, shift_year, breaks, sex_net, dep, dest, level) -> list[str]:
    """The key findings: lines computed from the results above (``sex_net``, ``dep``: None without Table 2)."""
    _ = p._
    text = _(
        "Departures exceeded arrivals in {n} of {total} {total:@year|years} ({years}); net interregional "
        "migration ranged from {low:,} to {high:,} persons a year."
    )
    years = span(p, flows.index.min(), flows.index.max())
    fields = {"n": int((mer < 0).sum()), "total": len(mer), "low": flows["net"].min(), "high": flows["net"].max()}
    findings = [p.text(text, years=years, **fields)]
    if shift_year is None:
        findings.append(describe_trend(p, headline.loc["departures"], shift_year, level))
    else:
        findings.append(step_means_sentence(p, flows[flows.index < shift_year], flows[flows.index >= shift_year]))
    if breaks is not None:
        row = breaks.set_index("flow_id").loc["departures"]
        findings.append(break_sentence(p, row, _.pgettext("flow", "Departures"), level))
    if sex_net is not None and (sex_net["net_total"] < 0).all():
        text = _(
            "Women's share of the interregional net loss went from {first:.1f} % ({first_year}) to {last:.1f} % ({last_year})."
        )
        first, last = sex_net.iloc[0], sex_net.iloc[-1]
        fields = {"first": first["female_share_of_net"], "last": last["female_share_of_net"]}
        findings.append(p.text(text, first_year=int(first["year"]), last_year=int(last["year"]), **fields))
    if dep is not None:
        text = _(
            "Women were the majority of interregional leavers in {n} of {total} {total:@year|years} ({years}); "
            "in {clear} of them the {level} % Wilson interval of the female share lies wholly above 50 "
            "%."
        )
        fields = {"n": int((dep["female_share"] > 50).sum()), "total": len(dep), "clear": int((dep["ci_low"] > 50).sum())}
        years = span(p, dep["year"].min(), dep["year"].max())
        findings.append(p.text(text, years=years, level=level_label(p, level), **fields))
    text = _(
        "The main destination of emigrants is {destination}: {share:.1f} % of those who left for the "
        "{n} {n:@destination the article names|destinations the article names} ({years}); the list "
        "is far from all emigration."
    )
    destination = _.label("country", dest["destination_iso"].iloc[0])
    share = dest["share"].iloc[0]
    findings.append(p.text(text, destination=destination, share=share, n=len(dest), years=destination_years(p, dest)))
    findings.append(p.audit_summary())
    return findings
