"""What the primer (notebooks/00_primer.ipynb) shows: its tables, sentences, figure, folded answers
and key findings, from numbers the notebook computed. Every function takes the presenter
``report`` (:class:`helpers.presentation.Presenter`) and uses its translator ``report._``, never a
global ``_``, so that a student's own variables cannot change what an answer says."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import matplotlib.ticker
import pandas as pd
from IPython.display import display

from helpers import figures, params
from helpers.exercises import answer
from helpers.presentation import Col, Markdown


def interval_words(report, alpha: float, ci_method: str) -> tuple[str, str]:
    """The confidence level as printed (``95``, or ``99.5`` with its one decimal) and the interval
    method's name, both in the report language."""
    level = params.confidence_level(alpha)
    return report.number(level, len(str(level).partition(".")[2])), report._.label("ci", ci_method)


def show_answer(report, text: str) -> None:
    """Display ``text`` as an exercise's folded answer in the report language."""
    display(answer(text, report._.pgettext("word", "Answer"), report.lang))


def counts_text(report, counts) -> str:
    """Counts as a comma-separated list in the report language: ``81, 82``."""
    return ", ".join(report.number(k) for k in counts)


def population_on_1_january(population: pd.DataFrame, year: int) -> pd.Series:
    """The total population by region (``iso_code``) of ``external_kz_population_2023``, after
    checking that its one date is 1 January ``year`` (the start of the flows' year)."""
    date = pd.Timestamp(population["date"].iloc[0])
    if (population["date"] != population["date"].iloc[0]).any() or (date.month, date.day, date.year) != (1, 1, year):
        raise ValueError(
            f"data/processed/external_kz_population_2023.csv, column 'date': {sorted(population['date'].unique())}; "
            f"expected one date, 1 January {year} (the start of the flows' year)"
        )
    return population[population["sex"] == "total"].set_index("iso_code")["value"]


# ---- 1. Net and gross migration ------------------------------------------------------------------
def show_terms(report, terms: pd.DataFrame) -> None:
    """The BNS glossary's terms and definitions in the report language, with the Kazakh original."""
    _ = report._
    columns = {f"term_{report.lang}": Col(_("Term")), f"definition_{report.lang}": Col(_("Definition"))}
    if report.lang != "kk":  # in the Kazakh report the definition already is the original
        columns["definition_kk"] = Col(_("Original (Kazakh)"), lang="kk")
    caption = _("The basic counts of migration statistics as the BNS bulletin defines them")
    report.table(terms, columns, caption=caption, data=["kazakhstan_glossary_terms"])


def show_net_and_gross(report, year: int, arrivals: int, departures: int, net: int, turnover: int) -> None:
    """Table of Batken's counts and the two measures built from them, then N and T worked out."""
    _ = report._
    example = pd.DataFrame(
        {"measure": ["arrivals", "departures", "net", "turnover"], "value": [arrivals, departures, net, turnover]}
    )
    report.table(
        example,
        {"measure": Col(_("Measure"), labels="flow"), "value": Col(_("Value"), "count", unit=_("persons"))},
        caption=report.text(
            _("Batken oblast's interregional migration, {year}: the counts and the two measures built from them"), year=year
        ),
        data=["batken_table1_interregional"],
    )
    report.say(
        report.text(
            _("In {year}: N = {a:,} − {d:,} = **{net:,}** and T = {a:,} + {d:,} = **{turnover:,}** {turnover:@move|moves}."),
            year=year,
            a=arrivals,
            d=departures,
            net=net,
            turnover=turnover,
        )
    )


def answer_net_and_gross(report, iso_code: str, year: int, arrivals: int, departures: int, net: int, turnover: int) -> None:
    """Exercise 1: a region's N and T worked out."""
    _ = report._
    text = _(
        "{region}, {year}: N = {a:,} − {d:,} = **{net:,}**; T = {a:,} + {d:,} = **{turnover:,}** (`indices.net_migration`, "
        "`indices.turnover`)."
    )
    fields = dict(a=arrivals, d=departures, net=net, turnover=turnover)
    show_answer(report, report.text(text, region=_.region(iso_code), year=year, **fields))


# ---- 2. Crude rates and denominators -------------------------------------------------------------
def show_denominators(report, extremes: pd.DataFrame, year: int, data: list[str]) -> None:
    """Table of the regions in ``extremes`` (columns iso_code, net, population, rate_start,
    rate_mid) with their net rates under the two denominators."""
    _ = report._
    on_year = {"year": year}
    columns = {
        "iso_code": Col(_("Region"), region=True),
        "net": Col(_("Net migration {year}"), "count", sign=True, unit=_("persons"), fields=on_year),
        "population": Col(_("Population on 1 January {year}"), "count", unit=_("persons"), fields=on_year),
        "rate_start": Col(
            _("Net rate per 1000, denominator: population on 1 January {year}"), "number", decimals=2, sign=True, fields=on_year
        ),
        "rate_mid": Col(
            _("Net rate per 1000, denominator: mid-year population approximated as P + N/2"), "number", decimals=2, sign=True
        ),
    }
    caption = _(
        "The {n} Kazakh {n:@region|regions} with the largest net interregional migration rates (in "
        "absolute value), {year}, under two denominators"
    )
    report.table(extremes, columns, caption=report.text(caption, n=len(extremes), year=year), data=data)


def say_denominator_effect(report, gap: float, largest_share: float, same_order: bool, regions: int) -> None:
    """How much the denominator moved the rates (``gap`` per 1000; ``largest_share``: the largest
    |N| / P), and whether the regions keep their order."""
    _ = report._
    report.say(
        report.text(
            _(
                "Here the denominator changes no rate by more than {gap:.2f} per 1000: net migration is at "
                "most {pct:.1f} % of a region's population, so P and P + N/2 differ by at most half of that."
            ),
            gap=gap,
            pct=100 * largest_share,
        ),
        report.text(
            _("All {n} regions rank in the same order under both denominators.")
            if same_order
            else _("The order of the {n} regions changes with the denominator."),
            n=regions,
        ),
        report.text(
            _("A table of rates must therefore name its denominator, and rates compared with each other must share one.")
        ),
    )


def answer_crude_rate(report, iso_code: str, net: int, population: int, rate: float) -> None:
    """Exercise 2: a region's crude net rate worked out."""
    _ = report._
    text = _("{region}: 1000 · {net:,} / {population:,} = **{rate:+.2f}** per 1000 population (`indices.crude_rate`).")
    show_answer(report, report.text(text, region=_.region(iso_code), net=net, population=population, rate=rate))


# ---- 3. Effectiveness and the aggregate net migration rate ---------------------------------------
def show_system_indices(report, year: int, regions: int, mei: float, cmi: float, anmr: float, data: list[str]) -> None:
    """Table of MEI, CMI and ANMR, then the identity ANMR = CMI · MEI / 100 and what MEI means."""
    _ = report._
    system = pd.DataFrame({"measure": ["mei", "cmi", "anmr"], "value": [mei, cmi, anmr]})
    caption = _(
        "Kazakhstan's internal migration, {year} ({n} {n:@region|regions}; moves within a region included): "
        "effectiveness, intensity and aggregate net rate"
    )
    report.table(
        system,
        {"measure": Col(_("Measure"), labels="pr_measure"), "value": Col(_("Value"), "number", decimals=3)},
        caption=report.text(caption, year=year, n=regions),
        data=data,
    )
    identity = _(
        "CMI · MEI / 100 = {cmi:.3f} · {mei:.3f} / 100 = **{product:.3f}** = ANMR (CMI and ANMR per "
        "100 residents, MEI in %). This is an identity: it checks the arithmetic, not the data."
    )
    meaning = _(
        "About {pct:.0f} % of the internal moves of {year} (moves within a region included) shifted "
        "population between regions; the rest cancelled out in counter-flows or stayed within a region."
    )
    report.say(report.text(identity, mei=mei, cmi=cmi, product=cmi * mei / 100), report.text(meaning, pct=mei, year=year))


def say_effectiveness(report, year: int, net: int, turnover: int, effectiveness: float) -> None:
    """A region's effectiveness ratio E = N / T worked out, as a net loss or a net gain."""
    _ = report._
    template = (
        _(
            "Batken oblast in {year}: E = {net:,} / {turnover:,} = **{e:.2f}**: the oblast's net loss equals "
            "{pct:.0f} % of all moves into and out of it."
        )
        if net < 0
        else _(
            "Batken oblast in {year}: E = {net:,} / {turnover:,} = **{e:.2f}**: the oblast's net gain equals "
            "{pct:.0f} % of all moves into and out of it."
        )
    )
    report.say(report.text(template, year=year, net=net, turnover=turnover, e=effectiveness, pct=100 * abs(effectiveness)))


def answer_mei_comparison(
    report,
    early: int,
    late: int,
    mei_early: float,
    mei_late: float,
    changed_years: list[int],
    new_regions: int,
    regions_early: set,
    regions_late: set,
) -> None:
    """Exercise 3: the MEI of two years compared, unless the regions were redrawn in between
    (``changed_years``, ``new_regions`` new regions), in which case the difference is no finding."""
    _ = report._
    fields = {"early": early, "late": late, "mei_early": mei_early, "mei_late": mei_late}
    if any(early <= year <= late for year in changed_years):
        first = _(
            "MEI {early} = **{mei_early:.2f}**, against {mei_late:.2f} in {late} (`indices.migration_effectiveness_index`)."
        )
        caveat = _(
            "But the regions were redrawn in {changed} ({n_new} new {n_new:@region|regions}), so the comparison "
            "spans the boundary change: a move between a new region and the one it came from counts as "
            "interregional only after it, and the counts also include moves within regions. A difference "
            "of {diff:.2f} {diff:@percentage point|percentage points} mixes these with any real change, "
            "and nothing here separates them: it is not a finding."
        )
        changed = ", ".join(map(str, changed_years))
        second = report.text(caveat, changed=changed, n_new=new_regions, diff=abs(mei_early - mei_late))
        show_answer(report, report.text(first, **fields) + " " + second)
        return
    if mei_early > mei_late:
        first = _(
            "MEI {early} = **{mei_early:.2f}**, against {mei_late:.2f} in {late}: migration was more effective "
            "in {early} (`indices.migration_effectiveness_index`)."
        )
    elif mei_early < mei_late:
        first = _(
            "MEI {early} = **{mei_early:.2f}**, against {mei_late:.2f} in {late}: migration was less effective "
            "in {early} (`indices.migration_effectiveness_index`)."
        )
    else:
        first = _(
            "MEI {early} = **{mei_early:.2f}**, the same as in {late}: migration was equally effective "
            "in both years (`indices.migration_effectiveness_index`)."
        )
    if regions_early == regions_late:
        second = report.text(_("Both years cover the same {n} regions, so like units are compared."), n=len(regions_late))
    else:
        different = _(
            "The two years cover different sets of regions ({n_early} and {n_late}), so part of the difference "
            "may come from the boundaries."
        )
        second = report.text(different, n_early=len(regions_early), n_late=len(regions_late))
    show_answer(report, report.text(first, **fields) + " " + second)


# ---- 4. Sex ratio and shares ---------------------------------------------------------------------
def say_sex_ratio(report, year: int, men: int, women: int, sex_ratio: float, female_share: float) -> None:
    """The sex ratio and female share of departures worked out."""
    _ = report._
    template = _(
        "In {year}, {men:,} {men:@man|men} and {women:,} {women:@woman|women} left for other oblasts: "
        "SR = 100 · {men:,} / {women:,} = **{sr:.1f}** men per 100 women; the female share is **{fs:.1f} "
        "%**."
    )
    report.say(report.text(template, year=year, men=men, women=women, sr=sex_ratio, fs=female_share))


def answer_sex_ratio(report, men: int, women: int, total: int, sex_ratio: float, female_share: float) -> None:
    """Exercise 4: the sex ratio and female share of arrivals worked out."""
    _ = report._
    template = _(
        "SR = 100 · {men:,} / {women:,} = **{sr:.1f}** men per 100 women; female share = 100 · {women:,} "
        "/ {total:,} = **{fs:.1f} %** (`indices.sex_ratio`, `indices.share`)."
    )
    show_answer(report, report.text(template, men=men, women=women, total=total, sr=sex_ratio, fs=female_share))


# ---- 5. Percent change and its base --------------------------------------------------------------
def show_change_by_base(report, change: pd.DataFrame, new: int, new_year: int, old_year: int) -> None:
    """Table of a percent change on each vintage of the base (``change``: columns vintage, value,
    change), then the range of the changes."""
    _ = report._
    columns = {
        "vintage": Col(_("Vintage of the {year} figure"), labels="vintage", fields={"year": old_year}),
        "value": Col(_("International arrivals {year} (the base)"), "count", unit=_("persons"), fields={"year": old_year}),
        "change": Col(
            _("Change {new} on {old}"), "number", decimals=1, sign=True, unit=_("%"), fields={"new": new_year, "old": old_year}
        ),
    }
    caption = _(
        "International arrivals into Kazakhstan: {new:,} in {year}, as a percent change on {old} by the vintage of the base"
    )
    report.table(
        change,
        columns,
        caption=report.text(caption, new=new, year=new_year, old=old_year),
        data=["external_kz_international_totals"],
    )
    summary = _(
        "The same {year} figure ({new:,}) is a change of {low:+.1f} % to {high:+.1f} % on {old}, depending "
        "on the vintage of the base: always say which base a change is on."
    )
    low, high = float(change["change"].min()), float(change["change"].max())
    report.say(report.text(summary, year=new_year, new=new, old=old_year, low=low, high=high))


def answer_change_by_base(report, change: pd.DataFrame, new: int) -> None:
    """Exercise 5: the percent change on each vintage of the base (``change``: columns vintage,
    value, change), and how far apart they are."""
    _ = report._
    items = [
        report.text(
            _("{vintage}: {base:,} → {new:,}, **{change:+.1f} %**"),
            vintage=_.label("vintage", row.vintage),
            base=int(row.value),
            new=new,
            change=float(row.change),
        )
        for row in change.itertuples()
    ]
    spread = report.text(
        _("The largest and the smallest change differ by {gap:.1f} {gap:@percentage point|percentage points}."),
        gap=float(change["change"].max() - change["change"].min()),
    )
    show_answer(report, "; ".join(items) + ". " + spread)


# ---- 6. GRIM ---------------------------------------------------------------------------------------
def say_grim(report, pct: float, decimals: int, n: int, counts: list[int]) -> None:
    """What a printed percentage ``pct`` of ``n`` people stands for: the counts ``counts`` (from
    :func:`helpers.rounding.grim_counts`) and how many counts a whole percentage spans."""
    _ = report._
    pct_text = report.number(pct, decimals)
    people = pct * n / 100
    exact = (
        report.text(
            _("{pct} % of n = {n} is exactly {people:,} {people:@person|people}."), pct=pct_text, n=n, people=round(people)
        )
        if float(people).is_integer()
        else report.text(
            _("{pct} % of n = {n} is {people:.1f} {people:@person|people}, not a whole number."), pct=pct_text, n=n, people=people
        )
    )
    shares = "; ".join(f"{report.number(100 * k / n, 2)} %" for k in counts)
    span = _(
        "A whole percentage spans n / 100 = {span:.1f} possible counts, so with this n it stands for "
        "{low} or {high} of them; when n < 100, some whole percentages match no count at all."
    )
    report.say(
        exact,
        report.text(
            _("The counts k with 100 · k / {n} rounding to {pct} % are **{counts}** ({shares})."),
            n=n,
            pct=pct_text,
            counts=counts_text(report, counts),
            shares=shares,
        ),
        report.text(span, span=n / 100, low=math.floor(n / 100), high=math.ceil(n / 100)),
    )


def grim_probe_text(report, probe: float, n: int, counts: list[int]) -> Markdown:
    """Whether ``probe`` % printed with one decimal is possible for ``n`` people (``counts``: its
    GRIM counts), with the nearest attainable shares when it is not."""
    _ = report._
    if counts:
        return report.text(
            _("{probe:.1f} % with one decimal is possible: k = {counts}."), probe=probe, counts=counts_text(report, counts)
        )
    impossible = _(
        "{probe:.1f} % with one decimal is **impossible**: no whole count out of {n} gives it (the "
        "nearest are {below:.2f} % and {above:.2f} %)."
    )
    below, above = math.floor(probe * n / 100), math.ceil(probe * n / 100)
    return report.text(impossible, probe=probe, n=n, below=100 * below / n, above=100 * above / n)


def grim_small_n_text(report, probe: int, n: int, counts: list[int], attainable: int) -> Markdown:
    """Whether the whole percentage ``probe`` is possible for a small ``n`` (``counts``: its GRIM
    counts), and how many of the 101 whole percentages are attainable (``attainable``)."""
    _ = report._
    if counts:
        possible = _(
            "With n = {n} interviews, {probe} % is possible (k = {counts}); but only {attainable} of the "
            "101 whole percentages can arise from {n} people, so for n < 100 a printed whole percentage "
            "can fail GRIM."
        )
        return report.text(possible, n=n, probe=probe, counts=counts_text(report, counts), attainable=attainable)
    impossible = _(
        "With n = {n} interviews, {probe} % is **impossible**: {below_k} of {n} is {below:.1f} % and "
        "{above_k} of {n} is {above:.1f} %. Only {attainable} of the 101 whole percentages can arise "
        "from {n} people, so for n < 100 a printed whole percentage can fail GRIM."
    )
    below_k, above_k = math.floor(probe * n / 100), math.ceil(probe * n / 100)
    fields = dict(below_k=below_k, below=100 * below_k / n, above_k=above_k, above=100 * above_k / n)
    return report.text(impossible, n=n, probe=probe, attainable=attainable, **fields)


def answer_grim(report, pct: float, decimals: int, counts: list[int], probe: str, small_n: str) -> None:
    """Exercise 6: the counts behind ``pct`` %, then the two probes (:func:`grim_probe_text`,
    :func:`grim_small_n_text`)."""
    first = report.text(
        report._("{pct} % → k ∈ {{{counts}}}."), pct=report.number(pct, decimals), counts=counts_text(report, counts)
    )
    show_answer(report, first + " " + probe + " " + small_n)


# ---- 7. Confidence interval --------------------------------------------------------------------------
def say_interval(report, k: int, n: int, low: float, high: float, alpha: float, ci_method: str) -> None:
    """A share k / n with its interval (``low``, ``high`` as fractions) and the interval's width."""
    _ = report._
    level, interval = interval_words(report, alpha, ci_method)
    template = _(
        "k = {k} of n = {n}: p̂ = {share:.1f} %, {level} % {interval} **{low:.1f} to {high:.1f} %**. "
        "The interval is about {width:,} {width:@percentage point|percentage points} wide."
    )
    fields = dict(share=100 * k / n, low=100 * low, high=100 * high, width=round(100 * (high - low)))
    report.say(report.text(template, k=k, n=n, level=level, interval=interval, **fields))


def show_width_by_sample_size(
    report, sizes, widths: list[float], n: int, width: float, pct: float, decimals: int, alpha: float, ci_method: str
) -> None:
    """Line chart of the interval width (percentage points) by sample size, the survey's ``n`` marked
    at ``width``; ``pct`` is the share (printed with ``decimals``)."""
    _ = report._
    level, interval = interval_words(report, alpha, ci_method)
    pct_text = report.number(pct, decimals)
    fig, ax = plt.subplots()
    ax.plot(sizes, widths, color=figures.COLOURS["arrivals"])
    ax.plot([n], [width], "o", color=figures.COLOURS["departures"], label=report.text(_("n = {n} (the survey)"), n=n))
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(matplotlib.ticker.LogLocator(subs=(1.0, 3.0)))  # 30, 100, 300, 1000, 3000
    ax.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.legend(frameon=False)
    figures.finish(
        fig,
        ax,
        report.text(_("Confidence interval width by sample size, share {pct} %"), pct=pct_text),
        _("Sample size n (respondents)"),
        _("Interval width, percentage points"),
        report.text(_("Source: Diploma to the Village survey (n = {n}, share intending to leave); compendium calculations"), n=n),
        lang=report.lang,
    )
    caption = _(
        "Width of the {level} % {interval} for a share of {pct} %, by sample size n (logarithmic axis); "
        "the point marks the survey's n = {n}"
    )
    alt = _(
        "Line chart: as the sample grows from {n_first:,} to {n_last:,}, the width of the {level} % "
        "interval falls from {w_first:,} to {w_last:,} percentage points; the survey's n = {n} is marked "
        "at {width:,} points."
    )
    ends = dict(n_first=int(sizes[0]), n_last=int(sizes[-1]), w_first=round(widths[0]), w_last=round(widths[-1]))
    report.figure(
        fig,
        caption=report.text(caption, level=level, interval=interval, pct=pct_text, n=n),
        alt=report.text(alt, level=level, n=n, width=round(width), **ends),
    )


def answer_overlap(
    report, k: int, interval: tuple[float, float], other: tuple[float, float], alpha: float, ci_method: str
) -> None:
    """Exercise 7: the interval of k / n (fractions) and whether it overlaps ``other``."""
    _ = report._
    level, method = interval_words(report, alpha, ci_method)
    (low, high), (low_other, high_other) = interval, other
    template = (
        _(
            "k = {k}: {level} % {interval} **{low:.1f} to {high:.1f} %**; it overlaps the interval for "
            "leaving ({low_leave:.1f} to {high_leave:.1f} %)."
        )
        if low_other <= high and low <= high_other
        else _(
            "k = {k}: {level} % {interval} **{low:.1f} to {high:.1f} %**; it does not overlap the interval "
            "for leaving ({low_leave:.1f} to {high_leave:.1f} %)."
        )
    )
    fields = dict(low=100 * low, high=100 * high, low_leave=100 * low_other, high_leave=100 * high_other)
    show_answer(report, report.text(template, k=k, level=level, interval=method, **fields))


# ---- 8. Moves and movers -----------------------------------------------------------------------------
def say_moves_per_100(report, year: int, moves: int, residents: int, per_100: float) -> None:
    """Registered moves per 100 residents, read as an intensity of events."""
    _ = report._
    template = _(
        "In {year}, BNS registered {moves:,} internal moves (the sum of the regions' arrivals; moves "
        "within a region included) for {population:,} residents on 1 January: **{per100:.2f}** moves "
        "per 100 residents. That is an intensity of events: the share of residents who moved is at "
        "most this, and lower when some moved more than once."
    )
    report.say(report.text(template, year=year, moves=moves, population=residents, per100=per_100))


def answer_moves_or_movers(report, departures: int, year: int) -> None:
    """Exercise 8: departures are moves, and what a probability of leaving would need."""
    _ = report._
    template = _(
        "The {d:,} departures of {year} are moves (events). The number of people who left is at most "
        "{d:,}: someone who left twice counts twice. A probability (CMP, movers per 100 residents at "
        "the start) would need both the movers and the oblast's population, and the article gives neither."
    )
    show_answer(report, report.text(template, d=departures, year=year))


# ---- 9. Population at risk ---------------------------------------------------------------------------
def say_population_at_risk(report, iso_code: str, year: int, region: pd.Series) -> None:
    """A region's departures per 1000 residents and its arrivals per 1000 of its own residents and of
    the rest of the country (``region``: departures, arrivals, out_rate, in_own, in_risk)."""
    _ = report._
    template = _(
        "{region}, {year}: {departures:,} departures are **{out_rate:.1f}** per 1000 residents of the "
        "region, the people at risk of leaving it. Its {arrivals:,} arrivals are **{in_own:.1f}** per "
        "1000 of its own residents, but the people at risk of moving in live elsewhere: per 1000 residents "
        "of the rest of Kazakhstan they are **{in_risk:.2f}**."
    )
    counts = dict(departures=int(region["departures"]), arrivals=int(region["arrivals"]))
    rates = {name: float(region[name]) for name in ("out_rate", "in_own", "in_risk")}
    report.say(report.text(template, region=_.region(iso_code), year=year, **counts, **rates))


def answer_population_at_risk(report, iso_code: str, region: pd.Series) -> None:
    """Exercise 9: a region's two arrival figures and which one compares regions."""
    _ = report._
    template = _(
        "{region}: **{in_own:.1f}** per 1000 of its own residents, **{in_risk:.2f}** per 1000 residents "
        "of the rest of Kazakhstan. To compare how strongly two places draw migrants from the rest "
        "of the country, use the second: its denominator is the population at risk."
    )
    fields = dict(in_own=float(region["in_own"]), in_risk=float(region["in_risk"]))
    show_answer(report, report.text(template, region=_.region(iso_code), **fields))


# ---- 10. The balancing equation ----------------------------------------------------------------------
def say_internal_total(report, year: int, regions: int, total: int) -> None:
    """The sum of the regional nets: 0, as internal moves cancel, or a warning that it is not."""
    _ = report._
    template = (
        _(
            "The {n} regional nets of {year} sum to **{total:,}**: an internal move is a departure from "
            "one region and an arrival in another (or in the same one), so internal migration changes no "
            "national total."
        )
        if total == 0
        else _(
            "The {n} regional nets of {year} sum to **{total:,}**, not 0: internal moves alone would cancel, "
            "so the table also holds something else."
        )
    )
    report.say(report.text(template, n=regions, year=year, total=total))


def answer_balancing(report, year: int, immigrants: int, emigrants: int, net: int) -> None:
    """Exercise 10: international net migration, and what the balancing equation still lacks."""
    _ = report._
    template = _(
        "Only international migration changes the national total: I − E = {arrivals:,} − {departures:,} "
        "= **{net:+,}** in {year}. The rest of P({next}) − P({year}) is births minus deaths, B − D, "
        "which the compendium does not transcribe, so the whole equation cannot be closed here."
    )
    show_answer(report, report.text(template, arrivals=immigrants, departures=emigrants, net=net, year=year, next=year + 1))


# ---- Key findings --------------------------------------------------------------------------------------
def key_findings(
    report, batken: dict, denominators: dict, system: dict, sex: dict, base: dict, grim: dict, alpha: float, ci_method: str
) -> None:
    """One line per worked example. Fields: ``batken`` year, net, turnover; ``denominators`` gap,
    year; ``system`` year, mei, cmi, anmr; ``sex`` year, sr, fs; ``base`` year, old, low, high
    (percent changes); ``grim`` pct, decimals, n, counts, low, high (the interval as fractions, at
    level 1 − ``alpha`` by ``ci_method``)."""
    _ = report._
    level, interval = interval_words(report, alpha, ci_method)
    grim_fields = dict(pct=report.number(grim["pct"], grim["decimals"]), n=grim["n"], counts=counts_text(report, grim["counts"]))
    report.findings(
        [
            report.text(_("Net and gross migration: Batken oblast, {year}: N = {net:,}, T = {turnover:,}."), **batken),
            report.text(
                _(
                    "Denominators: population on 1 January or at mid-year changes no Kazakh regional rate by more "
                    "than {gap:.2f} per 1000 ({year})."
                ),
                **denominators,
            ),
            report.text(
                _(
                    "Effectiveness: Kazakhstan, {year}: MEI {mei:.3f} % (of all internal moves: a lower bound for "
                    "moves between regions), CMI {cmi:.3f} moves per 100, ANMR = CMI · MEI / 100 = {anmr:.3f} per "
                    "100."
                ),
                **system,
            ),
            report.text(
                _("Sex: departures from Batken oblast, {year}: {sr:.1f} men per 100 women, a female share of {fs:.1f} %."), **sex
            ),
            report.text(
                _(
                    "Base: international arrivals into Kazakhstan in {year} are a change of {low:+.1f} % to {high:+.1f} "
                    "% on {old}, depending on the vintage of the base."
                ),
                **base,
            ),
            report.text(
                _("GRIM: {pct} % of n = {n} means k ∈ {{{counts}}}; the {level} % {interval} is {low:.1f} to {high:.1f} %."),
                level=level,
                interval=interval,
                low=100 * grim["low"],
                high=100 * grim["high"],
                **grim_fields,
            ),
        ]
    )
