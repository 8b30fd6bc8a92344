"""Presentation of report 02 (Kazakhstan): its tables, figures and sentences.

Every function takes the presenter ``p`` (its translator is ``p._``) and results the notebook has
computed with the named helpers, and displays them or returns their text. The regional tables
count ALL internal moves, moves within a region included: their nets are interregional, their
arrivals and departures are not, and the sentences here say so.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from babel.dates import format_date
from babel.lists import format_list
from matplotlib.ticker import MaxNLocator

from helpers import audit, figures
from helpers.presentation import Col

#: The publications of a year's international totals, in order of publication.
VINTAGES = ["first_published", "revised", "bulletin"]


def population_on_1_january(pop: pd.DataFrame) -> tuple[pd.Series, int]:
    """The total population by region (``iso_code``) and its year, checking it is dated one 1 January."""
    date = pd.Timestamp(pop["date"].iloc[0])
    if (pop["date"] != pop["date"].iloc[0]).any() or (date.month, date.day) != (1, 1):
        raise ValueError(
            "data/processed/external_kz_population_2023.csv, column 'date': expected one date, a 1 January; "
            f"got {sorted(pop['date'].unique())}"
        )
    return pop[pop["sex"] == "total"].set_index("iso_code")["value"], date.year


def vintage_of(intl: pd.DataFrame, year: int) -> str:
    """The bulletin's own figures for a year it covers, else the first publication."""
    return "bulletin" if (intl.loc[intl["year"] == year, "vintage"] == "bulletin").any() else "first_published"


def say_render(p, year: int, compare_year) -> None:
    """What this render shows: the year, and the year compared with (if any)."""
    _ = p._
    p.say(
        p.text(_("This render: the regional figures of {year}, with no comparison between years."), year=year)
        if compare_year is None
        else p.text(_("This render: the regional figures of {year}, compared with {compare}."), year=year, compare=compare_year)
    )


def say_skipped(p) -> None:
    """The sentence shown instead of a comparison when ``compare_year`` is None."""
    p.say(p.text(p._("No year to compare with was chosen: this part is skipped.")))


def international_totals(p, shown: pd.DataFrame) -> None:
    """Table of the international totals ``shown``, one column per year and publication."""
    _ = p._
    published = sorted(set(zip(shown["year"], shown["vintage"], strict=True)), key=lambda yv: (yv[0], VINTAGES.index(yv[1])))
    totals = (
        shown.assign(column=[f"{y}_{v}" for y, v in zip(shown["year"], shown["vintage"], strict=True)])
        .pivot(index="flow", columns="column", values="value")
        .reindex(["arrivals", "departures", "net"])
        .reset_index()
    )
    rounded = shown[shown["rounded_to"] > 1][["year", "vintage", "rounded_to"]].drop_duplicates()
    columns = {
        f"{y}_{v}": Col(_("{vintage}, {year}"), "count", unit=_("persons"), fields={"vintage": _.label("vintage", v), "year": y})
        for y, v in published
    }
    note = " ".join(
        p.text(
            _("{vintage}, {year}: published rounded to {step:,} persons"),
            vintage=_.label("vintage", r.vintage),
            year=int(r.year),
            step=int(r.rounded_to),
        )
        for r in rounded.itertuples()
    )
    p.table(
        totals,
        {"flow": Col(_("Flow"), labels="flow"), **columns},
        caption=_("International migration of Kazakhstan by year and publication"),
        data=["external_kz_international_totals"],
        note=note or None,
    )


def say_change_not_recomputed(p) -> None:
    """The sentence shown instead of the recomputed change when ``compare_year`` is None."""
    _ = p._
    p.say(
        p.text(
            _(
                "No year to compare with was chosen, so the bulletin's stated change on the previous year is "
                "not recomputed here; the audit at the end of the report checks it."
            )
        )
    )


def international_change(p, change: pd.DataFrame, stated: pd.DataFrame, old: int, new: int) -> None:
    """Table of the stated and recomputed change (columns ``stated``, one per vintage, ``low``, ``high``;
    index ``flow``), then the base each stated percentage implies and its audit verdict."""
    _ = p._
    base_vintages = [v for v in VINTAGES if v in change.columns]
    change = change.reindex(columns=["stated", *base_vintages, "low", "high"]).rename_axis("flow").reset_index()
    p.table(
        change,
        {
            "flow": Col(_("Flow"), labels="flow"),
            "stated": Col(
                _("Stated by the bulletin"),
                "number",
                decimals=int(stated["decimals"].max()) if len(stated) else 1,
                sign=True,
                unit=_("%"),
            ),
            **{
                v: Col(_.label("col_recomputed", v), "number", decimals=2, sign=True, unit=_("%"), fields={"year": old})
                for v in base_vintages
            },
            "low": Col(
                _("Lowest {year} base the stated % allows"), "number", decimals=0, unit=_("persons"), fields={"year": old}
            ),
            "high": Col(
                _("Highest {year} base the stated % allows"), "number", decimals=0, unit=_("persons"), fields={"year": old}
            ),
        },
        caption=_(
            "Change of international arrivals and departures, {new} on {old}: as stated by the bulletin "
            "and recomputed from each publication of the {old} totals",
            new=new,
            old=old,
        ),
        data=["kazakhstan_international_change_on_2022", "external_kz_international_totals"],
    )
    verdicts = audit.verdicts("kazakhstan").set_index("claim_id")["verdict"]
    lines = []
    if not len(stated):
        lines.append(
            p.text(
                _(
                    "The bulletin states no change of international migration for {new} on {old}; only the recomputed "
                    "changes are shown."
                ),
                new=new,
                old=old,
            )
        )
    for r in change.dropna(subset=["stated"]).itertuples():
        lines.append(
            p.text(
                _("{flow}: the stated {stated:+.1f} % implies a {old} base of {low:,.0f} to {high:,.0f}."),
                flow=_.label("flow", r.flow),
                stated=r.stated,
                old=old,
                low=r.low,
                high=r.high,
            )
        )
        claim = f"kazakhstan.international.{r.flow}.change_on_{old}"  # the claim that prints this change
        if claim in verdicts.index:
            lines.append(
                p.text(
                    _("Audit verdict: [{verdict}](#{anchor})."),
                    verdict=_.label("verdict", verdicts[claim]),
                    anchor=audit.claim_anchor(claim),
                )
            )
    p.say(*lines)


def cis_shares(p, cis: pd.DataFrame, year: int) -> None:
    """Table of the CIS shares of ``year`` with the counts they imply (columns ``low``, ``high``)."""
    _ = p._
    if cis.empty:
        p.say(p.text(_("No CIS shares are available for {year}."), year=year))
        return
    p.table(
        cis,
        {
            "flow": Col(_("Flow"), labels="flow"),
            "share_pct": Col(_("CIS share, %"), "number", decimals=int(cis["decimals"].max())),
            "low": Col(_("Implied count, lower bound"), "number", decimals=0, unit=_("persons")),
            "high": Col(_("Implied count, upper bound"), "number", decimals=0, unit=_("persons")),
        },
        caption=_(
            "Share of CIS countries in international arrivals and departures, {year}, and the counts it "
            "implies (a rounded share allows a range of counts)",
            year=year,
        ),
        data=["external_kz_international_cis_shares", "external_kz_international_totals"],
    )


def _bars(values: pd.Series, names: pd.Series):
    """A horizontal bar chart, gains green and losses orange, with a line at 0."""
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.barh(names, values, color=[figures.COLOURS["gain"] if v > 0 else figures.COLOURS["loss"] for v in values])
    ax.axvline(0, color="0.4", linewidth=0.8)
    return fig, ax


def net_figure(p, flows: pd.DataFrame, year: int) -> None:
    """Bar chart of each region's interregional net (``flows``: columns ``net``, ``name``)."""
    _ = p._
    net = flows.sort_values("net")
    fig, ax = _bars(net["net"], net["name"])
    ax.xaxis.set_major_locator(MaxNLocator(5))  # five-digit tick labels need room
    handles = [plt.Rectangle((0, 0), 1, 1, color=figures.COLOURS[k]) for k in ("gain", "loss")]
    ax.legend(handles, [_("net gain"), _("net loss")], frameon=False, loc="lower right")
    title = _("Interregional net migration by region, {year}", year=year)
    source = _("Source: BNS regional tables (republished); bulletin 'Population migration, 2023'")
    figures.finish(fig, ax, title, _("Persons"), "", source, lang=p.lang)
    alt = _(
        "Horizontal bar chart of net interregional migration by region in {year}, sorted from the largest "
        "loss ({bottom}) to the largest gain ({top}); gains in green, losses in orange. Regions with "
        "a gain: {gain:,}; with a loss: {loss:,}."
    )
    gain, loss = int((net["net"] > 0).sum()), int((net["net"] < 0).sum())
    p.figure(
        fig, caption=title, alt=p.text(alt, year=year, gain=gain, loss=loss, top=net["name"].iloc[-1], bottom=net["name"].iloc[0])
    )


def say_net_check(p, n: int, total: int) -> None:
    """Whether the ``n`` regional nets sum to 0 (``total`` is their sum)."""
    _ = p._
    p.say(
        p.text(
            _(
                "**Check:** the {n:,} regional nets sum to 0, as they must: every move is one arrival and one "
                "departure, of two regions or, for a move within a region, of the same one."
            ),
            n=n,
        )
        if total == 0
        else p.text(
            _("**Check:** the {n:,} regional nets sum to {total:+,}, not 0: the table is internally inconsistent."),
            n=n,
            total=total,
        )
    )


def denominator_note(p, year: int, pop_year: int) -> str:
    """The sentence naming the denominator of every rate for flows of ``year``."""
    _ = p._
    if year == pop_year:
        return p.text(
            _("Denominator of every rate: the population on 1 January {year}, the start of the year of the flows."), year=year
        )
    if year == pop_year - 1:
        return p.text(
            _(
                "Denominator of every rate: the population on 1 January {pop_year}, not a population of {year}: "
                "the {year} flows are set against the population at the end of {year}, counted after them, "
                "because no other regional population is transcribed."
            ),
            year=year,
            pop_year=pop_year,
        )
    return p.text(
        _(
            "Denominator of every rate: the population on 1 January {pop_year}, not a population of {year}, "
            "because no other regional population is transcribed."
        ),
        year=year,
        pop_year=pop_year,
    )


def net_rate_figure(p, flows: pd.DataFrame, year: int, pop_year: int) -> None:
    """Bar chart of the net rates (column ``rate``), then the denominator note."""
    _ = p._
    rate = flows.sort_values("rate")
    fig, ax = _bars(rate["rate"], rate["name"])
    title = _("Net interregional migration rate per 1000 population, {year}", year=year)
    source = _("Source: BNS regional tables; population on 1 Jan 2023 (BNS); compendium calculations")
    figures.finish(fig, ax, title, _("per 1000 population on 1 January {year}", year=pop_year), "", source, lang=p.lang)
    alt = _(
        "Horizontal bar chart of net interregional migration per 1000 population on 1 January {pop_year}, "
        "by region in {year}, from {low:+.1f} ({low_name}) to {high:+.1f} ({high_name})."
    )
    low, high = rate.iloc[0], rate.iloc[-1]
    alt = p.text(
        alt, year=year, pop_year=pop_year, low=low["rate"], low_name=low["name"], high=high["rate"], high_name=high["name"]
    )
    p.figure(fig, caption=title, alt=alt)
    p.say(denominator_note(p, year, pop_year))


def rate_ranges(flows: pd.DataFrame) -> dict[str, float]:
    """Lowest and highest internal arrival and departure rates (columns ``in_rate``, ``out_rate``)."""
    return {
        "in_low": flows["in_rate"].min(),
        "in_high": flows["in_rate"].max(),
        "out_low": flows["out_rate"].min(),
        "out_high": flows["out_rate"].max(),
    }


def gross_rates(p, flows: pd.DataFrame, year: int, pop_year: int, largest_share: float) -> None:
    """Dot chart and table of internal arrival and departure rates, and what they can say; ``largest_share``
    is the largest share, in %, of a region's net in its arrivals plus departures."""
    _ = p._
    rate, ranges = flows.sort_values("rate"), rate_ranges(flows)
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.hlines(rate["name"], rate["out_rate"], rate["in_rate"], color="0.7")
    ax.plot(rate["in_rate"], rate["name"], "o", color=figures.COLOURS["arrivals"], label=_.pgettext("flow", "Arrivals"))
    ax.plot(rate["out_rate"], rate["name"], "o", color=figures.COLOURS["departures"], label=_.pgettext("flow", "Departures"))
    ax.legend(frameon=False, loc="lower right")
    title = _("Internal arrivals and departures per 1000 population (moves within a region included), {year}", year=year)
    source = _("Source: BNS regional tables; population on 1 Jan 2023 (BNS); compendium calculations")
    figures.finish(fig, ax, title, _("per 1000 population on 1 January {year}", year=pop_year), "", source, lang=p.lang)
    alt = _(
        "Dot chart of internal arrivals (blue) and departures (orange) per 1000 population by region "
        "in {year}, moves within a region included, each region's two dots joined by a line; arrivals "
        "run from {in_low:.1f} to {in_high:.1f}, departures from {out_low:.1f} to {out_high:.1f}."
    )
    p.figure(fig, caption=title, alt=p.text(alt, year=year, **ranges))
    per = {"fields": {"year": pop_year}}
    p.table(
        rate.reset_index(),
        {
            "iso_code": Col(_("Region"), region=True),
            "population": Col(_("Population on 1 January {year}"), "count", unit=_("persons"), **per),
            "in_rate": Col(_("Internal arrivals per 1000 (population on 1 January {year})"), "number", decimals=1, **per),
            "out_rate": Col(_("Internal departures per 1000 (population on 1 January {year})"), "number", decimals=1, **per),
            "rate": Col(_("Net per 1000 (population on 1 January {year})"), "number", decimals=1, sign=True, **per),
        },
        caption=_(
            "Population, net interregional migration rate, and internal arrivals and departures per 1000 "
            "by region, {year} (sorted by net rate)",
            year=year,
        ),
        data=["external_kz_internal_migration", "external_kz_population_2023"],
    )
    hi_in, hi_out = flows["in_rate"].idxmax(), flows["out_rate"].idxmax()
    p.say(
        p.text(
            _(
                "Internal arrivals ran from {in_low:.1f} to {in_high:.1f} per 1000 and internal departures "
                "from {out_low:.1f} to {out_high:.1f}; both are highest in {in_name}, the region that records "
                "the most moves both ways, moves within it included."
            ),
            in_name=flows.loc[hi_in, "name"],
            **ranges,
        )
        if hi_in == hi_out
        else p.text(
            _(
                "Internal arrivals ran from {in_low:.1f} to {in_high:.1f} per 1000 (highest: {in_name}), internal "
                "departures from {out_low:.1f} to {out_high:.1f} (highest: {out_name}); both count moves within "
                "the region too."
            ),
            in_name=flows.loc[hi_in, "name"],
            out_name=flows.loc[hi_out, "name"],
            **ranges,
        ),
        p.text(
            _(
                "A region's net migration is at most {share:.1f} % of the sum of its internal arrivals and "
                "departures: the net rates are differences between much larger flows, which include moves within "
                "the region."
            ),
            share=largest_share,
        ),
    )


def say_mid_year(p, flows, shift: pd.Series, national_shift: float, bound: pd.Series, national_bound: float, assumed, pop_year):
    """How far a mid-year denominator would move the rates (``shift``, %, by region) and the bound on the
    error natural increase leaves in it (``bound``, %), for an ``assumed`` natural increase per 1000."""
    _ = p._
    shift, bound = pd.Series(shift, index=flows.index), pd.Series(bound, index=flows.index)  # one value a region, in order
    shifts = {"pop_year": pop_year, "shift": shift.max(), "shift_name": flows.loc[shift.idxmax(), "name"]}
    shifts["national_shift"] = national_shift
    if assumed == 0:  # no bound to name a region for: every region's is 0
        p.say(
            p.text(
                _(
                    "Dividing by the mid-year approximation instead of the population on 1 January {pop_year} would "
                    "change every rate of a region by the same relative amount: at most {shift:.2f} % ({shift_name}), "
                    "and {national_shift:.2f} % for the national indices (ANMR, CMI), whose denominator is the "
                    "sum of the populations. With an assumed natural increase of 0, natural increase adds no error "
                    "to the approximation; international migration, which it also ignores, is not bounded."
                ),
                **shifts,
            )
        )
        return
    p.say(
        p.text(
            _(
                "Dividing by the mid-year approximation instead of the population on 1 January {pop_year} would "
                "change every rate of a region by the same relative amount: at most {shift:.2f} % ({shift_name}), "
                "and {national_shift:.2f} % for the national indices (ANMR, CMI), whose denominator is the "
                "sum of the populations. Ignoring a natural increase of up to {ni} per 1000 a year in that "
                "approximation misstates a rate by at most **{bound:.2f} %** of its value (largest in {bound_name}; "
                "{national_bound:.2f} % for the national indices)."
            ),
            **shifts,
            ni=p.number(assumed, 0 if float(assumed).is_integer() else 1),  # as the reader set it
            bound=bound.max(),
            bound_name=flows.loc[bound.idxmax(), "name"],
            national_bound=national_bound,
        )
    )


def say_concentration(
    p, flows, year: int, cities: list, gains_to_cities: float, top_gainer_share: float, top_n, top_loss
) -> None:
    """Where the net gains and losses go: the cities' share of net gains (said to be true by construction
    when only cities gain), the largest gainer's share, and the top ``top_n`` losers' share ``top_loss``
    (None when no more than ``top_n`` regions lost)."""
    _ = p._
    gainers, losers = flows.index[flows["net"] > 0], flows.index[flows["net"] < 0]
    other_gainers = [c for c in gainers if c not in cities]
    lines = [
        p.text(
            _(
                "**Concentration.** {gain:,} of {total:,} regions gained from interregional migration in {year} "
                "and {loss:,} lost."
            ),
            gain=len(gainers),
            total=len(flows),
            year=year,
            loss=len(losers),
        )
    ]
    if not other_gainers:  # then the cities' share of net gains is 100 % by construction: said as such, not as a result
        lines.append(
            p.text(
                _(
                    "Every region that gained is a city of republican significance ({gain:,} of the {cities:,} "
                    "cities), so the cities' share of all net gains is 100 % by construction: it says nothing about "
                    "concentration and is not reported as a result."
                ),
                gain=len(gainers),
                cities=len(cities),
            )
        )
    elif len(other_gainers) == 1:
        lines.append(
            p.text(
                _(
                    "Cities of republican significance ({cities:,}) receive {share:.1f} % of all net gains; the "
                    "one other gaining region, {other}, receives the rest."
                ),
                cities=len(cities),
                share=gains_to_cities,
                other=flows.loc[other_gainers[0], "name"],
            )
        )
    else:
        lines.append(
            p.text(
                _(
                    "Cities of republican significance ({cities:,}) receive {share:.1f} % of all net gains; the "
                    "other {others:,} gaining regions receive the rest."
                ),
                cities=len(cities),
                share=gains_to_cities,
                others=len(other_gainers),
            )
        )
    if len(gainers) > 1:
        lines.append(largest_gainer(p, flows, top_gainer_share))
    if top_loss is not None:
        lines.append(
            p.text(
                _("Share of the top {n:,} losing {n:@region|regions} in all net losses: {share:.1f} %."), n=top_n, share=top_loss
            )
        )
    else:
        lines.append(
            p.text(
                _(
                    "Only {n:,} {n:@region|regions} lost, no more than the {top_n:,} asked for: together they account "
                    "for all net losses by construction, so no share is reported."
                ),
                n=len(losers),
                top_n=top_n,
            )
        )
    p.say(*lines)


def largest_gainer(p, flows, share: float) -> str:
    """The sentence giving the largest gainer's ``share`` of all net gains."""
    return p.text(
        p._("The largest gainer, {name}, alone receives {share:.1f} % of all net gains."),
        name=flows.loc[flows["net"].idxmax(), "name"],
        share=share,
    )


def internal_moves(p, flows: pd.DataFrame, year: int) -> None:
    """Table of arrivals, departures, net, turnover and regional MEI (on all internal moves), and the range of MEI."""
    _ = p._
    p.table(
        flows.sort_values("turnover", ascending=False).reset_index(),
        {
            "iso_code": Col(_("Region"), region=True),
            "arrivals": Col(_.pgettext("flow", "Arrivals"), "count", unit=_("persons")),
            "departures": Col(_.pgettext("flow", "Departures"), "count", unit=_("persons")),
            "net": Col(_("Net migration"), "count", sign=True, unit=_("persons")),
            "turnover": Col(_("Gross migration (turnover)"), "count", unit=_("persons")),
            "mei": Col(
                _(
                    "Effectiveness index on internal moves, % (−100 to 100; in absolute value a lower bound of "
                    "the interregional index)"
                ),
                "number",
                decimals=1,
                sign=True,
            ),
        },
        caption=_(
            "Internal arrivals and departures (moves within a region included), interregional net, turnover "
            "and effectiveness index on all internal moves by region, {year} (sorted by turnover)",
            year=year,
        ),
        data=["external_kz_internal_migration"],
    )
    low, high = flows["mei"].idxmin(), flows["mei"].idxmax()
    p.say(
        p.text(
            _(
                "On all internal moves, regional MEI runs from {low:+.1f} ({low_name}: per 100 moves into or "
                "out of the region, {low_abs:.0f} more departures than arrivals) to {high:+.1f} ({high_name}); "
                "regions with a positive index: {positive:,}. Moves within a region add as many arrivals as "
                "departures, so each region's interregional MEI has the same sign and at least this absolute "
                "size: these are lower bounds."
            ),
            low=flows.loc[low, "mei"],
            low_name=flows.loc[low, "name"],
            low_abs=abs(flows.loc[low, "mei"]),
            high=flows.loc[high, "mei"],
            high_name=flows.loc[high, "name"],
            positive=int((flows["mei"] > 0).sum()),
        )
    )


def system_indices(p, system: pd.DataFrame, year: int, pop_year: int) -> None:
    """Table of the system's indices by year (columns ``year``, ``moves``, ``mei``, ``anmr``, ``cmi``) and their denominator."""
    _ = p._
    p.table(
        system,
        {
            "year": Col(_("Year"), "year"),
            "moves": Col(_("Internal moves (sum of arrivals)"), "count"),
            "mei": Col(_("MEI of internal moves, % (lower bound of the interregional MEI)"), "number", decimals=2),
            "anmr": Col(_("Aggregate net migration rate, per 100"), "number", decimals=3),
            "cmi": Col(_("CMI, internal moves per 1000"), "number", decimals=2),
        },
        caption=_(
            "Indices of internal migration by year: moves, MEI (a lower bound of the interregional MEI), "
            "ANMR (interregional) and CMI (all internal moves), rates over the population on 1 January "
            "{pop_year}",
            pop_year=pop_year,
        ),
        data=["external_kz_internal_migration", "external_kz_population_2023"],
    )
    others = [str(y) for y in system["year"] if y != pop_year]
    if not others:
        p.say(p.text(_("ANMR and CMI divide by the population on 1 January {pop_year}."), pop_year=pop_year))
    elif len(system) == 1:
        p.say(
            p.text(
                _(
                    "ANMR and CMI of {year} divide by the population on 1 January {pop_year}, not a population "
                    "of {year}, because no other regional population is transcribed."
                ),
                year=year,
                pop_year=pop_year,
            )
        )
    else:
        p.say(
            p.text(
                _(
                    "ANMR and CMI divide by the population on 1 January {pop_year} in every row, also for {years}: "
                    "a change between rows is a change of moves, not of moves per resident of each year."
                ),
                pop_year=pop_year,
                years=", ".join(others),
            )
        )


def _long_date(p, day) -> str:
    """``day`` as a long date in the report language (Babel): June 8, 2022 in English."""
    return format_date(pd.Timestamp(day).date(), "long", locale=p.lang)


def say_interregional_mei(p, by_year: dict, bounds: dict, counts: dict, partial: pd.DataFrame, n_share: float, system, n_regions):
    """The bounds of the interregional MEI by year (``bounds``: year -> (low, high); ``counts``: year ->
    the row of ``partial`` giving the least interregional moves that bounds it from above), the
    illustration from the only splits of internal moves at hand (``n_share``: the national
    interregional share, in %), why CMP and Courgeau's k are withdrawn (``n_regions`` regions), and
    why no interval is given."""
    _ = p._
    lines = []
    for y, f in by_year.items():
        low, high = bounds[y]
        if y not in counts:
            no_count = _(
                "{year}: the interregional MEI is at least {low:.2f} (the MEI of all internal moves); no count "
                "of interregional moves in {year} is at hand to bound it from above."
            )
            lines.append(p.text(no_count, year=y, low=low))
            continue
        c = counts[y]
        lines.append(
            p.text(
                _(
                    "{year}: the interregional MEI lies between {low:.2f} (the MEI of all internal moves) and {high:.2f}. "
                    "The upper bound uses at least {least:,} interregional movers BNS counted from {start} to {end} "
                    "(published rounded to {step:,} as {value:,}): a whole year has at least as many interregional "
                    "moves, and MEI = 100·Σ|N|/(2·moves) with Σ|N| = {abs_net:,}."
                ),
                year=y,
                low=low,
                high=high,
                least=int(c["least"]),
                start=_long_date(p, c["period_start"]),
                end=_long_date(p, c["period_end"]),
                step=int(c["rounded_to"]),
                value=int(c["value"]),
                abs_net=int(f["net"].abs().sum()),
            )
        )
    # The only splits of internal moves into interregional and within-region ones: a national one, a regional one.
    national = partial[partial["scope"] == "KZ"].set_index("measure")
    region = partial[partial["scope"] != "KZ"].set_index("measure")
    r_inter, r_within = region.loc["interregional_arrivals", "value"], region.loc["within_region_movers", "value"]
    lines.append(
        p.text(
            _(
                "How large the interregional part is, from the only splits at hand: from {n_start} to {n_end}, "
                "{n_inter:,} of {n_internal:,} internal moves in Kazakhstan were interregional ({n_share:.1f} "
                "%); in one region ({r_name}), from {r_start} to {r_end}, {r_inter:,} arrivals came from other "
                "regions beside {r_within:,} people moving within the region ({r_share:.1f} % of the two). "
                "Were the interregional share {n_share:.1f} % in {years} too, the interregional MEI would be "
                "about {scenario}: an illustration from another period, not an estimate."
            ),
            n_start=_long_date(p, national.loc["internal_moves", "period_start"]),
            n_end=_long_date(p, national.loc["internal_moves", "period_end"]),
            n_inter=int(national.loc["interregional_moves", "value"]),
            n_internal=int(national.loc["internal_moves", "value"]),
            n_share=n_share,
            r_name=_.region(region["scope"].iloc[0]),
            r_start=_long_date(p, region["period_start"].iloc[0]),
            r_end=_long_date(p, region["period_end"].iloc[0]),
            r_inter=int(r_inter),
            r_within=int(r_within),
            r_share=100 * r_inter / (r_inter + r_within),
            years=format_list([str(y) for y in by_year], locale=p.lang),
            scenario=", ".join(
                p.text(_("{value:.1f} in {year}"), value=100 * r.mei / n_share, year=r.year) for r in system.itertuples()
            ),
        )
    )
    lines.append(
        p.text(
            _(
                "Two of Bell et al.'s indices are not computed on these flows. The crude migration probability "
                "CMP = 100·M/P would be CMI/10, moves per 100 residents rather than a probability, which needs "
                "movers (persons), not moves. Courgeau's k = CMP/ln(n²) compares zonings and needs the moves "
                "counted between the n zones; these flows also count moves within the zones, and with n = {n} "
                "regions k would only be CMP divided by the constant ln({n}²) = {ln:.3f}."
            ),
            n=n_regions,
            ln=float(np.log(n_regions**2)),
        )
    )
    lines.append(
        p.text(
            _(
                "No interval is given for these indices: they come from complete registration counts of every "
                "move, not from a sample, so there is no sampling error to express; their error is that of "
                "registration (moves never or late registered) and of the denominator, which an interval would "
                "not capture."
            )
        )
    )
    p.say(*lines)


def turnover_figure(p, wide: pd.DataFrame, old: int, new: int) -> None:
    """Dot chart of each region's turnover in ``old`` and ``new`` (``wide``: one column per year)."""
    _ = p._
    wide = wide.sort_values(new)
    names = [_.region(c) for c in wide.index]
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.hlines(names, wide[old], wide[new], color="0.7")
    ax.plot(wide[old], names, "o", color=figures.COLOURS["net"], label=str(old))
    ax.plot(wide[new], names, "o", color=figures.COLOURS["arrivals"], label=str(new))
    ax.legend(frameon=False, loc="lower right")
    ax.xaxis.set_major_locator(MaxNLocator(5))  # six-digit tick labels need room
    title = _("Internal-migration turnover by region (moves within a region included), {old} and {new}", old=old, new=new)
    source = _("Source: BNS regional tables (republished); bulletin 'Population migration, 2023'")
    figures.finish(fig, ax, title, _("Persons"), "", source, lang=p.lang)
    alt = _(
        "Dot chart of internal-migration turnover by region (moves within a region included) in {old} "
        "(grey) and {new} (blue), each region's two dots joined by a line; {more:,} of {total:,} regions "
        "have more turnover in {new}."
    )
    p.figure(fig, caption=title, alt=p.text(alt, old=old, new=new, more=int((wide[new] > wide[old]).sum()), total=len(wide)))


def say_arrivals_growth(p, arrivals: pd.Series, growth: float, stated: pd.DataFrame, old: int, new: int) -> None:
    """The recomputed ``growth`` (%) of internal ``arrivals`` (by year) next to the bulletin's ``stated`` one, if any."""
    _ = p._
    p.say(
        p.text(
            _(
                "Internal arrivals summed over the regions: {a_old:,} in {old} and {a_new:,} in {new}, a change "
                "of {growth:+.2f} %."
            ),
            old=old,
            new=new,
            a_old=int(arrivals[old]),
            a_new=int(arrivals[new]),
            growth=growth,
        ),
        p.text(
            _("The bulletin states that internal arrivals grew by {stated:.1f} % in {new} on {old}."),
            stated=float(stated["change_pct"].iloc[0]),
            new=new,
            old=old,
        )
        if len(stated)
        else p.text(_("The bulletin states no growth of internal arrivals for {new} on {old}."), new=new, old=old),
    )


def boundary_change(p, parent_of: dict, effective: pd.Timestamp, gross: pd.DataFrame, ratios: dict, old: int, new: int) -> None:
    """The regions of the boundary change (``parent_of``: new region -> the region it was split from,
    in force from ``effective``): their arrivals in both years and the ratios of arrivals and departures
    (``gross``: columns (flow, year); ``ratios``: flow -> ratio new/old by region), set against the other
    regions' ratios, and what the table cannot say."""
    _ = p._
    in_force = _long_date(p, effective)
    affected = list(parent_of) + sorted(set(parent_of.values()))
    arrivals_ratio, departures_ratio = ratios["arrivals"], ratios["departures"]
    p.say(
        p.text(
            _("New regions formed in {year} (in brackets, the region each was split from): {pairs}; in force from {date}."),
            year=effective.year,
            date=in_force,
            pairs=", ".join(f"{_.region(child)} ({_.region(parent)})" for child, parent in parent_of.items()),
        )
    )
    check = pd.DataFrame(
        {
            "iso_code": affected,
            "role": ["new_region" if c in parent_of else "parent" for c in affected],
            "old": gross["arrivals"][old][affected].to_numpy(),
            "new": gross["arrivals"][new][affected].to_numpy(),
            "ra": arrivals_ratio[affected].to_numpy(),
            "rd": departures_ratio[affected].to_numpy(),
        }
    )
    p.table(
        check,
        {
            "iso_code": Col(_("Region"), region=True),
            "role": Col(_("Role in the {year} boundary change"), labels="role", fields={"year": effective.year}),
            "old": Col(_("Arrivals {year}"), "count", unit=_("persons"), fields={"year": old}),
            "new": Col(_("Arrivals {year}"), "count", unit=_("persons"), fields={"year": new}),
            "ra": Col(_("Arrivals {new}/{old}"), "number", decimals=2, fields={"old": old, "new": new}),
            "rd": Col(_("Departures {new}/{old}"), "number", decimals=2, fields={"old": old, "new": new}),
        },
        caption=_(
            "Regions of the {year} boundary change: arrivals in {old} and {new}, and the ratios of arrivals and of departures",
            year=effective.year,
            old=old,
            new=new,
        ),
        data=["external_kz_internal_migration", "external_kz_region_changes_2022"],
    )
    others_ratio = arrivals_ratio.drop(affected)
    new_ratios = arrivals_ratio[list(parent_of)]
    within = bool(new_ratios.between(others_ratio.min(), others_ratio.max()).all())
    p.say(
        p.text(
            _(
                "The {old} table lists all {n:,} regions, the new ones included. Their arrivals changed ×{lo:.2f} "
                "to ×{hi:.2f} from {old} to {new}, within the range of the other {others:,} regions (×{others_lo:.2f} "
                "to ×{others_hi:.2f}). A count that began only on {date} would cover part of {old} and grow "
                "far more, so the {old} figures appear to be whole-year counts recompiled on the new boundaries."
            )
            if within
            else _(
                "The {old} table lists all {n:,} regions, the new ones included. Their arrivals changed ×{lo:.2f} "
                "to ×{hi:.2f} from {old} to {new}, outside the range of the other {others:,} regions (×{others_lo:.2f} "
                "to ×{others_hi:.2f}): the {old} figures may cover only part of {old} for these regions."
            ),
            old=old,
            new=new,
            n=len(arrivals_ratio),
            lo=new_ratios.min(),
            hi=new_ratios.max(),
            others=len(others_ratio),
            others_lo=others_ratio.min(),
            others_hi=others_ratio.max(),
            date=in_force,
        ),
        p.text(
            _(
                "What the table cannot say is how moves between a new region and its parent before {date} were "
                "assigned when the {old} figures were recompiled: when they were registered they were moves "
                "within one region, an arrival and a departure of the same region."
            ),
            date=in_force,
            old=old,
        ),
    )


def anmr_decomposition(p, decomp, n_units: dict, by_year: dict, parent_of: dict, effective, old: int, new: int, pop_year: int):
    """Table of the change of ANMR as the product of the changes of CMI and MEI on all internal moves
    (``decomp``: :func:`helpers.decomposition.anmr_change_decomposition` rows with a column ``set``,
    ``n_units``: set -> number of units), and why it is not Bell et al.'s split of interregional
    migration, where the two sets differ, and why CMI is the same on both."""
    _ = p._
    p.table(
        decomp.assign(set_label=[_.label("set", s, n=n_units[s]) for s in decomp["set"]], log_pct=100 * decomp["log_share"]),
        {
            "set_label": Col(_("Regions compared")),
            "measure": Col(_("Measure"), labels="measure"),
            "before": Col(_("Value in {year}"), "number", decimals=3, fields={"year": old}),
            "after": Col(_("Value in {year}"), "number", decimals=3, fields={"year": new}),
            "ratio": Col(_("Ratio {new}/{old}"), "number", decimals=3, fields={"old": old, "new": new}),
            "log_pct": Col(_("Share of the log change of ANMR"), "number", decimals=1, unit=_("%")),
        },
        caption=_(
            "Change of ANMR from {old} to {new} as the product of the change of all internal moves per "
            "resident (CMI) and of the share of them that redistributes population between regions (MEI "
            "on internal moves), on the published regions and on units with the same boundaries in both "
            "years (population on 1 January {pop_year} in both years)",
            old=old,
            new=new,
            pop_year=pop_year,
        ),
        data=["external_kz_internal_migration", "external_kz_population_2023", "external_kz_region_changes_2022"],
    )
    ratio = decomp.set_index(["set", "measure"])["ratio"]
    log_share = decomp.set_index(["set", "measure"])["log_share"]
    lines = [
        p.text(
            _.label("say_decomp", s),
            n=n_units[s],
            anmr=ratio[s, "anmr"],
            cmi=ratio[s, "cmi"],
            mei=ratio[s, "mei"],
            cmi_share=100 * log_share[s, "cmi"],
            mei_share=100 * log_share[s, "mei"],
        )
        for s in n_units
    ]
    lines.append(p.text(_("(A share beyond 0–100 % means the two factors pulled in opposite directions.)")))
    lines.append(
        p.text(
            _(
                "This is not Bell et al.'s split of interregional migration into intensity and effectiveness: "
                "more moves within regions raise CMI and lower MEI by the same factor and leave ANMR unchanged, "
                "so a change in the share of within-region moves shifts the two factors in opposite directions. "
                "Only the ANMR change itself describes interregional redistribution."
            )
        )
    )
    opposite = [
        p.text(
            _("{child} ({child_net:+,}) and {parent} ({parent_net:+,}) in {year}"),
            child=_.region(child),
            child_net=int(by_year[y].loc[child, "net"]),
            parent=_.region(parent),
            parent_net=int(by_year[y].loc[parent, "net"]),
            year=y,
        )
        for y in (old, new)
        for child, parent in parent_of.items()
        if by_year[y].loc[child, "net"] * by_year[y].loc[parent, "net"] < 0
    ]
    lines.append(
        p.text(
            _(
                "The two sets differ where a new region and its parent had nets of opposite sign, so that they "
                "partly cancel in the merged unit: {pairs}."
            ),
            pairs="; ".join(opposite),
        )
        if opposite
        else p.text(
            _("The two sets would differ where a new region and its parent had nets of opposite sign; no such pair occurs here.")
        )
    )
    lines.append(
        p.text(
            _(
                "CMI is the same on both sets: merging adds a new region's arrivals to its parent's, so the "
                "number of internal moves, {moves_old:,} in {old} and {moves_new:,} in {new}, does not change. "
                "Nor does the boundary change alter that number: these tables count moves within a region too, "
                "so a move between a new region and its parent is counted before {date}, as a move within one "
                "region, and after it, as a move between two."
            ),
            old=old,
            new=new,
            moves_old=int(by_year[old]["arrivals"].sum()),
            moves_new=int(by_year[new]["arrivals"].sum()),
            date=_long_date(p, effective),
        )
    )
    p.say(*lines)


def glossary(p, terms: pd.DataFrame) -> None:
    """The bulletin's definitions in the report language, beside the Kazakh original unless the report is in Kazakh."""
    _, lang = p._, p.lang
    columns = {f"term_{lang}": Col(_("Term")), f"definition_{lang}": Col(_("Definition"))}
    if lang != "kk":  # the Kazakh original beside the translation, marked as Kazakh
        columns |= {
            "term_kk": Col(_("Term (Kazakh original)"), lang="kk"),
            "definition_kk": Col(_("Definition (Kazakh original)"), lang="kk"),
        }
    p.table(
        terms,
        columns,
        caption=_("The bulletin's definitions (sections 3 and 4), in English and in the Kazakh original"),
        data=["kazakhstan_glossary_terms"],
        note=None if lang == "kk" else p.text(_("The English wording is the compendium's translation of the Kazakh original")),
    )


def findings(
    p, flows, year: int, pop_year: int, international: dict, concentration: dict, comparison: dict | None, mei: dict
) -> list[str]:
    """The key findings, from results computed above: ``international`` (arrivals, departures, net),
    ``concentration`` (cities, gains_to_cities, top_gainer_share), ``comparison`` (old, new, n_units,
    ratio: (set, measure) -> ratio, split_year; None without a comparison) and ``mei`` (year ->
    (low, high, whether an upper bound is known))."""
    _ = p._
    sentence = _("International migration in {year}: {arrivals:,} arrivals and {departures:,} departures, a net of {net:+,}.")
    lines = [p.text(sentence, year=year, **{k: int(v) for k, v in international.items()})]
    cities, gainers = concentration["cities"], flows.index[flows["net"] > 0]
    counts = {"gain": len(gainers), "total": len(flows), "year": year, "cities": len(cities)}
    if set(gainers) <= set(cities):  # the cities' 100 % of net gains is true by construction: stated as such
        only_cities = _(
            "{gain:,} of {total:,} regions gained from interregional migration in {year}, all of them cities "
            "of republican significance ({gain:,} of the {cities:,} cities); that the cities receive all "
            "net gains follows from this by construction and is not a measure of concentration."
        )
        lines.append(p.text(only_cities, **counts))
    else:
        cities_share = _(
            "{gain:,} of {total:,} regions gained from interregional migration in {year}; cities of republican "
            "significance ({cities:,}) received {share:.1f} % of all net gains."
        )
        lines.append(p.text(cities_share, **counts, share=concentration["gains_to_cities"]))
    if len(gainers) > 1:
        lines.append(largest_gainer(p, flows, concentration["top_gainer_share"]))
    highest, lowest = flows["rate"].idxmax(), flows["rate"].idxmin()
    lines.append(
        p.text(
            _(
                "Net interregional migration per 1000 residents (population on 1 January {pop_year}) ran from "
                "{low:+.1f} ({low_name}) to {high:+.1f} ({high_name}); internal arrivals, moves within a region "
                "included, from {in_low:.1f} to {in_high:.1f} and internal departures from {out_low:.1f} to "
                "{out_high:.1f} per 1000."
            )
            if year == pop_year
            else _(
                "Net interregional migration per 1000 residents (population on 1 January {pop_year}, after "
                "the {year} flows) ran from {low:+.1f} ({low_name}) to {high:+.1f} ({high_name}); internal "
                "arrivals, moves within a region included, from {in_low:.1f} to {in_high:.1f} and internal "
                "departures from {out_low:.1f} to {out_high:.1f} per 1000."
            ),
            pop_year=pop_year,
            year=year,
            low=flows.loc[lowest, "rate"],
            low_name=flows.loc[lowest, "name"],
            high=flows.loc[highest, "rate"],
            high_name=flows.loc[highest, "name"],
            **rate_ranges(flows),
        )
    )
    if comparison is not None:
        ratio = comparison["ratio"]
        lines.append(
            p.text(
                _(
                    "From {old} to {new} the aggregate net migration rate (interregional, from the nets) changed "
                    "×{anmr:.3f} on the {n:,} published regions and ×{c_anmr:.3f} on {units:,} units that merge "
                    "the regions created in {split_year} with their parents, while all internal moves changed ×{cmi:.3f} "
                    "(both years over the population on 1 January {pop_year})."
                ),
                old=comparison["old"],
                new=comparison["new"],
                n=comparison["n_units"]["published"],
                units=comparison["n_units"]["consistent"],
                anmr=ratio["published", "anmr"],
                cmi=ratio["published", "cmi"],
                c_anmr=ratio["consistent", "anmr"],
                split_year=comparison["split_year"],
                pop_year=pop_year,
            )
        )
    values = [
        p.text(_("{low:.2f} to {high:.2f} in {year}"), low=low, high=high, year=y)
        if known
        else p.text(_("at least {low:.2f} in {year}"), low=low, year=y)
        for y, (low, high, known) in mei.items()
    ]
    mei_sentence = _(
        "Interregional migration effectiveness (MEI, complete counts): {values}; the MEI of the internal "
        "flows is only a lower bound, because they include moves within regions."
    )
    lines.append(p.text(mei_sentence, values=", ".join(values)))
    return lines
