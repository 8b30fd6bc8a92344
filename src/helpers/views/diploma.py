"""The *With a Diploma to the Village* report's tables, sentences and figures (notebook 03).

Each function takes the presenter ``p`` (its translator is ``p._``) and results the notebook
computed, and displays them or returns sentences. Nothing here computes a result the report
states: the notebook does that with named helpers, in sight of the reader.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers import figures
from helpers.presentation import Col, Presenter


def interval_fields(p: Presenter, level: float, method: str, deff: float) -> dict:
    """The interval's level, method and design effect as every header, caption and sentence shows them."""
    return {"level": p.number_as_given(level), "method": p._.label("dp_method", method), "deff": p.number_as_given(deff)}


# ---- 1. the programme -------------------------------------------------------------------------
def show_sectors(p: Presenter, sectors: pd.DataFrame, total: int, stated: float) -> None:
    """Specialists by sector (printed and recomputed shares), and their sum against the stated total."""
    _ = p._
    p.table(
        sectors,
        {
            "sector": Col(_("Sector"), labels="sector"),
            "label_kk": Col(_("Original (Kazakh)"), lang="kk"),
            "specialists": Col(_("Specialists"), "count"),
            "share_pct": Col(_("Printed share, %"), "number", decimals=int(sectors["decimals"].max())),
            "recomputed": Col(_("Recomputed share, %"), "number", decimals=2),
        },
        caption=_("Specialists by sector as printed, and each sector's share recomputed from the counts against their sum"),
        data=["diploma_programme_by_sector"],
    )
    p.say(
        p.text(
            _(
                "The {n} {n:@sector|sectors} add up to **{total:,}** {total:@specialist|specialists}, more "
                "than the “over {stated:,.0f}” the article states."
            )
            if total > stated
            else _(
                "The {n} {n:@sector|sectors} add up to **{total:,}** {total:@specialist|specialists}, not more "
                "than the “over {stated:,.0f}” the article states."
            ),
            n=len(sectors),
            total=total,
            stated=stated,
        )
    )


def show_top_regions(p: Presenter, top: pd.DataFrame, common: tuple | None, unit: float) -> None:
    """The top regions' printed count and share with the total each pair implies (``implied_low``,
    ``implied_high``, in thousands), and the five-year total all pairs allow (``common``, or None)."""
    _ = p._
    p.table(
        top,
        {
            "iso_code": Col(_("Region"), region=True),
            "label_as_printed": Col(_("Original (Kazakh)"), lang="kk"),
            "specialists_thousands": Col(_("Specialists, thousand"), "number", decimals=int(top["count_decimals"].max())),
            "share_pct": Col(_("Printed share of the five years' specialists, %"), "number", decimals=int(top["decimals"].max())),
            "implied_low": Col(_("Five-year total the pair implies, low, thousand"), "number", decimals=1),
            "implied_high": Col(_("Five-year total the pair implies, high, thousand"), "number", decimals=1),
        },
        caption=_(
            "Regions with the most specialists in the last five years: printed count and share, and the "
            "five-year total each pair implies"
        ),
        data=["diploma_programme_top_regions"],
    )
    p.say(
        p.text(
            _("All {n} {n:@statement|statements} fit a five-year total of {low:,.1f} to {high:,.1f} thousand specialists."),
            n=len(top),
            low=common[0] / unit,
            high=common[1] / unit,
        )
        if common
        else p.text(_("The {n} {n:@statement|statements} allow no common five-year total."), n=len(top))
    )


def show_budget(p: Presenter, budget: pd.DataFrame) -> None:
    """The budget by year with the spending per specialist (``per_specialist``)."""
    _ = p._
    p.table(
        budget,
        {
            "year": Col(_("Year"), "year"),
            "budget_bn_tenge": Col(_("Budget, bn tenge"), "number", decimals=int(budget["budget_decimals"].max())),
            "specialists": Col(_("Specialists"), "count"),
            "per_specialist": Col(_("Tenge per specialist"), "number", decimals=0),
            "status": Col(_("Status"), labels="status"),
        },
        caption=_("Programme budget by year and, where the article gives the number of specialists, the budget per specialist"),
        data=["diploma_programme_budget_by_year"],
    )


def support_sentences(p: Presenter, implied_mci: pd.Series, average: pd.Series, support: pd.DataFrame) -> list[str]:
    """The MCI the allowance and the loan imply, the averages per recipient (tenge, and MCI at that
    value), and whether the average allowance is below the current rule. ``implied_mci`` and
    ``average`` are indexed by instrument; ``support`` is the sizes by instrument (rows) and unit."""
    _ = p._
    allowance_mci, loan_mci = (average[k] / implied_mci[k] for k in ("lump_sum_allowance", "housing_loan"))
    now, before = support.loc["lump_sum_allowance", "MCI"], support.loc["lump_sum_allowance_before_2019", "MCI"]
    return [
        p.text(
            _("The allowance implies an MCI of **{allowance:,.0f}** tenge and the loan **{loan:,.0f}** tenge: the same value.")
            if implied_mci["lump_sum_allowance"] == implied_mci["housing_loan"]
            else _(
                "The allowance implies an MCI of **{allowance:,.0f}** tenge and the loan **{loan:,.0f}** tenge: the two differ."
            ),
            allowance=implied_mci["lump_sum_allowance"],
            loan=implied_mci["housing_loan"],
        ),
        p.text(
            _(
                "Average allowance per recipient: at most {allowance:,.0f} tenge ({allowance_mci:,.0f} MCI "
                "at that MCI value); average housing loan: at most {loan:,.0f} tenge ({loan_mci:,.0f} MCI)."
            ),
            allowance=average["lump_sum_allowance"],
            allowance_mci=allowance_mci,
            loan=average["housing_loan"],
            loan_mci=loan_mci,
        ),
        p.text(
            _(
                "The average allowance is below the current {current:,.0f} MCI, as expected when earlier cohorts "
                "received {before:,.0f} MCI at lower MCI values."
            )
            if allowance_mci < now
            else _(
                "The average allowance is not below the current {current:,.0f} MCI, although earlier cohorts "
                "received {before:,.0f} MCI at lower MCI values: the totals do not fit the programme's rules."
            ),
            current=now,
            before=before,
        ),
    ]


def show_mci(p: Presenter, mci: pd.DataFrame, implied: float, support: pd.DataFrame) -> None:
    """The legal MCI values, and which of them (if any) equals the MCI the article's tenge figures
    imply (``implied``), with the allowance and the loan at the latest MCI."""
    _ = p._
    p.table(
        mci,
        {
            "valid_from": Col(_("In force from"), verbatim=True),
            "mci_tenge": Col(_("MCI, tenge"), "count"),
            "legal_basis": Col(_("Legal basis (English)"), lang="en"),
        },
        caption=_("The monthly calculation index (MCI) set by law, by the date from which it applies"),
        data=["external_kz_mci"],
    )
    in_force, latest = mci[mci["mci_tenge"] == implied], mci.iloc[-1]
    allowance, loan = support.loc["lump_sum_allowance", "MCI"], support.loc["housing_loan", "MCI"]
    p.say(
        p.text(
            _(
                "The MCI the allowance and the loan imply is the one in force from {date} ({mci:,.0f} tenge), "
                "so the article's tenge figures are at that MCI. The allowance and the loan are set in MCI, "
                "whose value the budget law sets every year, so their value in tenge is that of the year of "
                "payment: at the MCI in force from {latest_date} ({latest:,.0f} tenge), {allowance_mci:,.0f} "
                "MCI are {allowance_latest:,.0f} tenge and {loan_mci:,.0f} MCI {loan_latest:,.0f} tenge."
            ),
            date=in_force["valid_from"].iloc[0],
            mci=implied,
            latest_date=latest["valid_from"],
            latest=latest["mci_tenge"],
            allowance_mci=allowance,
            allowance_latest=allowance * latest["mci_tenge"],
            loan_mci=loan,
            loan_latest=loan * latest["mci_tenge"],
        )
        if len(in_force)
        else p.text(
            _(
                "No MCI in the table of legal values (from {first} to {last}) equals the {mci:,.0f} tenge the "
                "allowance implies, so the year of the article's tenge figures cannot be named."
            ),
            first=mci["valid_from"].iloc[0],
            last=latest["valid_from"],
            mci=implied,
        )
    )


# ---- 2. the survey ----------------------------------------------------------------------------
def estimate_columns(p: Presenter, frame: pd.DataFrame, ci: dict, simultaneous: bool = False) -> dict:
    """The columns every survey table shares: printed %, the count used, GRIM, the intervals."""
    _ = p._
    columns = {
        "pct": Col(_("Printed, %"), "number", decimals=int(frame["decimals"].max())),
        "count": Col(_("Count used (nearest to p·n/100)"), "count"),
        "grim_counts": Col(_("Counts consistent with the % (GRIM)")),
        "grim_test": Col(_("GRIM test"), labels="verdict"),
        "ci_low": Col(_("{level} % CI ({method}), low"), "number", decimals=1, unit=_("%"), fields=ci),
        "ci_high": Col(_("{level} % CI ({method}), high"), "number", decimals=1, unit=_("%"), fields=ci),
    }
    if simultaneous:
        columns["sim_low"] = Col(_("Simultaneous {level} % CI (Goodman), low"), "number", decimals=1, unit=_("%"), fields=ci)
        columns["sim_high"] = Col(_("Simultaneous {level} % CI (Goodman), high"), "number", decimals=1, unit=_("%"), fields=ci)
    return columns


def grim_counts_text(p: Presenter, frame: pd.DataFrame) -> list[str]:
    """Each row's GRIM counts (column ``grim``, tuples) in the report's number format, "; "-separated."""
    return ["; ".join(p.number(k) for k in counts) for counts in frame["grim"]]


def grim_note(p: Presenter, frame: pd.DataFrame, n: int) -> str | None:
    """A footnote when GRIM cannot fail for some percentage (column ``grim_test`` is
    ``not_verifiable``: one respondent moves a share by less than a printed unit), else None."""
    if not (frame["grim_test"] == "not_verifiable").any():
        return None
    return p.text(
        p._(
            "GRIM is not verifiable here: at n = {n:,} one respondent moves a share by {step:.2f} percentage "
            "points, no more than the printed unit, so every printed percentage is possible"
        ),
        n=n,
        step=100 / n,
    )


def show_profile(p: Presenter, profile: pd.DataFrame, n: int, ci: dict) -> None:
    """The respondents' profile shares with their GRIM counts, verdicts and intervals."""
    _ = p._
    shown = profile.assign(
        characteristic=profile["variable"] + "." + profile["category"], grim_counts=grim_counts_text(p, profile)
    )
    p.table(
        shown,
        {
            "characteristic": Col(_("Characteristic"), labels="profile"),
            "quote": Col(_("Quote (original)"), lang="kk"),
            **estimate_columns(p, shown, ci),
        },
        caption=p.text(
            _(
                "Respondents' profile as printed (n = {n:,}), with the counts that print as each percentage "
                "(GRIM) and {level} % confidence intervals ({method})"
            ),
            n=n,
            **ci,
        ),
        data=["diploma_survey_profile"],
        note=grim_note(p, shown, n),
    )


def age_sentences(p: Presenter, age: pd.Series, verdict: str, n: int) -> list[str]:
    """The mean age as printed, why it has no interval, and its GRIM verdict."""
    _ = p._
    decimals = int(age["decimals"])
    return [
        p.text(
            _("Mean age {age} {years:@year|years}: no standard deviation is published, so no interval can be given."),
            age=p.number(age["value"], decimals),
            years=age["value"],
        ),
        p.text(
            _("GRIM cannot test it: for n = {n:,} every mean printed with {d} {d:@decimal|decimals} is possible."),
            n=n,
            d=decimals,
        )
        if verdict == "not_verifiable"
        else p.text(_("GRIM test of the mean for n = {n:,}: {verdict}."), n=n, verdict=_.label("verdict", verdict)),
    ]


def item_figure(p: Presenter, frame: pd.DataFrame, question: str, n: int, ci: dict) -> None:
    """Bars of the printed percentages with their intervals, largest and smallest share named in the alt text."""
    _ = p._
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(frame) + 1.6))
    labels = [_.label("survey", i) for i in frame["item_id"]][::-1]
    pct = frame["pct"].to_numpy()[::-1]
    err = np.vstack([pct - frame["ci_low"].to_numpy()[::-1], frame["ci_high"].to_numpy()[::-1] - pct])
    ax.barh(labels, pct, xerr=err, capsize=3, color=figures.COLOURS["arrivals"])
    ax.set_xlim(0, 100)
    figures.finish(
        fig,
        ax,
        _.label("fig_dip_title", question, **ci),
        _("% of respondents"),
        "",
        _("Source: Diploma to the Village article, survey (n = {n}); counts reconstructed by GRIM", n=p.number(n)),
        lang=p.lang,
    )
    ranked = frame.sort_values("pct", ascending=False)
    decimals = int(frame["decimals"].max())
    p.figure(
        fig,
        caption=p.text(
            _(
                "{question}, % of respondents. Bars: the printed percentages; whiskers: {level} % confidence "
                "intervals ({method}) for a simple random sample of n = {n:,}"
            ),
            question=_.label("question", question),
            n=n,
            **ci,
        ),
        alt=p.text(
            _(
                "Horizontal bar chart of {k} {k:@answer|answers} in % of respondents, each with its {level} % "
                "confidence interval; the most frequent is “{top}” at {top_pct} %, the least frequent “{bottom}” "
                "at {bottom_pct} %."
            ),
            k=len(frame),
            top=_.label("survey", ranked["item_id"].iloc[0]),
            top_pct=p.number(ranked["pct"].iloc[0], decimals),
            bottom=_.label("survey", ranked["item_id"].iloc[-1]),
            bottom_pct=p.number(ranked["pct"].iloc[-1], decimals),
            **ci,
        ),
    )


def item_table(p: Presenter, frame: pd.DataFrame, question: str, table_name: str, n: int, ci: dict) -> None:
    """The answers (compendium label, Kazakh original, English gloss) with counts, GRIM and intervals;
    simultaneous (Goodman) intervals too when the frame has them (``sim_low``)."""
    _ = p._
    simultaneous = "sim_low" in frame.columns
    shown = frame.assign(grim_counts=grim_counts_text(p, frame))
    p.table(
        shown,
        {
            "item_id": Col(_.pgettext("col", "Answer"), labels="survey"),
            "label_kk": Col(_("Original (Kazakh)"), lang="kk"),
            "label_en": Col(_("English gloss"), lang="en"),
            **estimate_columns(p, shown, ci, simultaneous),
        },
        caption=p.text(
            _(
                "{question}: printed percentages of n = {n:,} respondents, the counts that print as them (GRIM), "
                "{level} % confidence intervals ({method}) and simultaneous {level} % intervals for all answers "
                "at once (Goodman)"
            )
            if simultaneous
            else _(
                "{question}: printed percentages of n = {n:,} respondents, the counts that print as them (GRIM) "
                "and {level} % confidence intervals ({method})"
            ),
            question=_.label("question", question),
            n=n,
            **ci,
        ),
        data=[table_name],
        note=grim_note(p, shown, n),
    )


def show_item(p: Presenter, frame: pd.DataFrame, question: str, table_name: str, n: int, ci: dict) -> None:
    """One survey question: its figure, then its table."""
    item_figure(p, frame, question, n, ci)
    item_table(p, frame, question, table_name, n, ci)


def overlap_sentences(p: Presenter, mean_answers: float, overlap: float) -> list[str]:
    """The mean number of reasons per respondent, and the least overlap of the two most common."""
    _ = p._
    return [
        p.text(_("On average a respondent named **{mean:.2f}** {mean:@reason|reasons}."), mean=mean_answers),
        p.text(
            _(
                "At least {overlap:.0f} % named both of the two most common reasons (the smallest overlap two "
                "shares of one group allow)."
            ),
            overlap=overlap,
        )
        if overlap > 0
        else p.text(_("The two most common reasons need not overlap: their shares add up to no more than 100 %.")),
    ]


def show_outside(p: Presenter, outside: dict, n: int, ci: dict) -> None:
    """The share of respondents who did not say they intend to stay (:func:`helpers.survey.outside_share`)."""
    _ = p._
    p.table(
        pd.DataFrame([outside]),
        {
            "pct": Col(_.pgettext("col", "Share, %"), "number", decimals=1),
            "count": Col(_("Count (n minus those who intend to stay)"), "count"),
            **deff_interval_columns(p, ci),
        },
        caption=p.text(
            _(
                "Respondents who did not say they intend to stay (do not want to, or cannot say), of n = {n:,}, "
                "with {level} % confidence intervals ({method})"
            ),
            n=n,
            **ci,
        ),
        data=["diploma_intention_to_stay"],
    )


def deff_interval_columns(p: Presenter, ci: dict) -> dict:
    """The interval columns under simple random sampling and under the design effect."""
    _ = p._
    return {
        "ci_low": Col(_("{level} % CI ({method}), low"), "number", decimals=1, unit=_("%"), fields=ci),
        "ci_high": Col(_("{level} % CI ({method}), high"), "number", decimals=1, unit=_("%"), fields=ci),
        "ci_low_deff": Col(
            _("{level} % CI ({method}) with design effect {deff}, low"), "number", decimals=1, unit=_("%"), fields=ci
        ),
        "ci_high_deff": Col(
            _("{level} % CI ({method}) with design effect {deff}, high"), "number", decimals=1, unit=_("%"), fields=ci
        ),
    }


def not_staying_sentences(p: Presenter, outside: dict, intention: pd.DataFrame, n: int, deff: float, ci: dict) -> list[str]:
    """The share not intending to stay, with its intervals, and whether 'most do not stay' holds
    beyond sampling error (``outside["majority"]``). ``intention`` is indexed by item id."""
    _ = p._
    decimals = int(intention["decimals"].max())
    fields = {
        "pct": outside["pct"],
        "k": outside["count"],
        "n": n,
        "leave": p.number(intention.loc["leave", "pct"], decimals),
        "undecided": p.number(intention.loc["undecided", "pct"], decimals),
        "low": outside["ci_low"],
        "high": outside["ci_high"],
        "dlow": outside["ci_low_deff"],
        "dhigh": outside["ci_high_deff"],
        **ci,
    }
    return [
        p.text(
            _(
                "{pct:.1f} % of respondents (k = {k:,} of {n:,}) did not say they intend to stay: they do not "
                "want to ({leave} %) or cannot say ({undecided} %); {level} % CI ({method}) {low:.1f} to {high:.1f} "
                "% under simple random sampling."
            )
            if deff == 1
            else _(
                "{pct:.1f} % of respondents (k = {k:,} of {n:,}) did not say they intend to stay: they do not "
                "want to ({leave} %) or cannot say ({undecided} %); {level} % CI ({method}) {low:.1f} to {high:.1f} "
                "% under simple random sampling, {dlow:.1f} to {dhigh:.1f} % with the assumed design effect "
                "of {deff}."
            ),
            **fields,
        ),
        p.text(
            _(
                "The interval lies wholly above 50 %: that only a minority intend to stay, and that most do "
                "not plan to stay, holds beyond sampling error."
            )
            if deff == 1 and outside["majority"] == "both"
            else _.label("say_majority", outside["majority"]),
            n=n,
        ),
    ]


def difference_sentences(p: Presenter, test: dict, leave_ci_high: float, half: float, n: int, ci: dict) -> list[str]:
    """Leave minus stay (:func:`helpers.proportions.multinomial_difference`), whether it is clear of
    zero, and, when the share leaving has its interval below ``half``, that fewer than half leave."""
    _ = p._
    sentences = [
        p.text(
            _(
                "A narrower question, which the article does not ask: do more say they do not want to stay "
                "than that they intend to stay?"
            )
        ),
        p.text(
            _(
                "Leave minus stay: **{diff:+.1f}** percentage points ({level} % CI {low:+.1f} to {high:+.1f}; "
                "z = {z:.2f}, {p_value})."
            ),
            diff=100 * test["diff"],
            low=100 * test["ci_low"],
            high=100 * test["ci_high"],
            z=test["z"],
            p_value=p.p_value(test["p_value"]),
            **ci,
        ),
        p.text(_("Significantly more say they do not want to stay than that they intend to stay."))
        if test["ci_low"] > 0
        else p.text(
            _(
                "With n = {n:,} the difference is within sampling error: the survey does not show that more "
                "participants intend to leave than to stay."
            ),
            n=n,
        ),
    ]
    if leave_ci_high < half:
        sentences.append(
            p.text(
                _("Fewer than half intend to leave: the {level} % CI of that share ends at {high:.1f} %."),
                high=leave_ci_high,
                **ci,
            )
        )
    return sentences


def show_assumption(p: Presenter, assumptions: pd.DataFrame, deff: float, deff_assumed: float, ci: dict) -> None:
    """The stated survey assumption with its basis and reason, or, when the parameter overrides
    it, a sentence saying so."""
    _ = p._
    if deff != deff_assumed:
        p.say(
            p.text(
                _(
                    "The design effect {deff} is set by the parameter `design_effect`, in place of the compendium's "
                    "stated assumption of {assumed}."
                ),
                deff=ci["deff"],
                assumed=p.number_as_given(deff_assumed),
            )
        )
        return
    p.table(
        assumptions.reset_index(),
        {
            "assumption": Col(_("Assumption"), labels="assumption"),
            "value": Col(_("Value"), "number", decimals=1),
            "basis": Col(_("Basis (English)"), lang="en"),
            "reason": Col(_("Reason (English)"), lang="en"),
        },
        caption=_("The survey assumption the intervals use, with its basis and reason (the compendium's, not the article's)"),
        data=["diploma_survey_assumptions"],
    )


def show_widened(p: Presenter, widened: pd.DataFrame, data: list[str], ci: dict) -> None:
    """Every survey answer's interval under simple random sampling and under the design effect,
    with the ratio of their widths (``width_ratio``)."""
    _ = p._
    p.table(
        widened,
        {
            "question": Col(_("Question"), labels="topic"),
            "item_id": Col(_.pgettext("col", "Answer"), labels="survey"),
            "pct": Col(_("Printed, %"), "number", decimals=int(widened["decimals"].max())),
            **deff_interval_columns(p, ci),
            "width_ratio": Col(_("Interval width, design effect {deff} ÷ simple random sample"), "number", decimals=2, fields=ci),
        },
        caption=p.text(
            _(
                "Every survey answer: {level} % confidence intervals ({method}) under simple random sampling "
                "and under an assumed design effect of {deff}"
            ),
            **ci,
        ),
        data=data,
    )


def deff_sentences(
    p: Presenter, widened: pd.DataFrame, test_deff: dict, clear_srs: bool, n: int, n_eff: float, deff: float, ci: dict
) -> list[str]:
    """How much the intervals widen under the design effect, leave minus stay under it, and
    whether the reading of that difference depends on the sampling assumption."""
    _ = p._
    if deff == 1:
        return [p.text(_("With a design effect of 1 (simple random sampling) the intervals are those above."))]
    lo, hi = widened["width_ratio"].min(), widened["width_ratio"].max()
    clear_deff = test_deff["ci_low"] > 0
    return [
        p.text(
            _(
                "With a design effect of {deff} the effective sample size is {n_eff:,.0f} instead of {n:,}; "
                "every interval widens by a factor of {lo:.2f} (√{deff} = {sqrt:.2f} for a normal interval)."
            )
            if p.number(lo, 2) == p.number(hi, 2)
            else _(
                "With a design effect of {deff} the effective sample size is {n_eff:,.0f} instead of {n:,}; "
                "the intervals widen by a factor of {lo:.2f} to {hi:.2f} (√{deff} = {sqrt:.2f} for a normal "
                "interval)."
            ),
            n_eff=n_eff,
            n=n,
            lo=lo,
            hi=hi,
            sqrt=deff**0.5,
            **ci,
        ),
        p.text(
            _(
                "Leave minus stay with this design effect: {diff:+.1f} percentage points "
                "({level} % CI {low:+.1f} to {high:+.1f})."
            ),
            diff=100 * test_deff["diff"],
            low=100 * test_deff["ci_low"],
            high=100 * test_deff["ci_high"],
            **ci,
        ),
        p.text(
            _("Still significantly more intend to leave than to stay.")
            if clear_deff and clear_srs
            else _("The difference stays within sampling error, as under simple random sampling.")
            if not clear_srs
            else _("The difference is no longer clear: the reading depends on the sampling assumption.")
        ),
    ]


# ---- 3. interviews, 4. conclusions, key findings ----------------------------------------------
def show_interviews(p: Presenter, themes: pd.DataFrame, quotes: pd.DataFrame, interviews: int) -> None:
    """The interview themes (with the number of quotes under each, ``quotes``), then the quotes."""
    _ = p._
    p.table(
        themes,
        {
            "theme": Col(_("Theme"), labels="theme"),
            "summary_kk": Col(_("The article's summary (original)"), lang="kk"),
            "gloss_en": Col(_("English gloss"), lang="en"),
            "quotes": Col(_("Quotes printed"), "count"),
        },
        caption=_(
            "Interview themes: the article's summary of each (Kazakh original, English gloss) and the number "
            "of quotes it prints under it"
        ),
        data=["diploma_interview_themes", "diploma_interviews"],
    )
    p.say(
        p.text(
            _("The article prints {q} {q:@quote|quotes} from its {n} interviews, under {t} {t:@theme|themes}."),
            q=len(quotes),
            n=interviews,
            t=len(themes),
        )
    )
    p.table(
        quotes,
        {
            "theme": Col(_("Theme"), labels="theme"),
            "quote_kk": Col(_("Quote (original)"), lang="kk"),
            "gloss_en": Col(_("English gloss"), lang="en"),
            "age": Col(_("Age"), "count", unit=_("years")),
            "iso_code": Col(_("Region"), region=True),
        },
        caption=_("Interview quotes with the speaker's age and region"),
        data=["diploma_interviews"],
    )


def show_conclusions(p: Presenter, conclusions: pd.DataFrame) -> None:
    """The article's conclusions with the results of the report that bear on each (``bears_on``, ";"-separated)."""
    _ = p._
    shown = conclusions.assign(
        bears_on_shown=["; ".join(_.label("bears_on", b) for b in row.split(";")) for row in conclusions["bears_on"]]
    )
    p.table(
        shown,
        {
            "number": Col(_("No."), "year"),
            "quote_kk": Col(_("Quote (original)"), lang="kk"),
            "gloss_en": Col(_("English gloss"), lang="en"),
            "bears_on_shown": Col(_("Bears on")),
        },
        caption=_("The article's conclusions and the results of this report that bear on each"),
        data=["diploma_conclusions"],
    )


def key_findings(
    p: Presenter, sectors: int, total: int, top_reason: pd.Series, n: int, deff: float, ci: dict, not_staying: list[str]
) -> None:
    """The key findings: the programme's total, the most named reason for joining (``top_reason``,
    a row of the widened survey table), the majority not staying, and the audit's summary."""
    _ = p._
    p.findings(
        [
            p.text(
                _("The programme's {n} {n:@sector|sectors} add up to {total:,} {total:@specialist|specialists}."),
                n=sectors,
                total=total,
            ),
            p.text(
                _(
                    "The most named reason for joining: “{reason}” ({pct} %; {level} % CI ({method}) {low:.1f} to "
                    "{high:.1f} % under simple random sampling of {n:,})."
                )
                if deff == 1
                else _(
                    "The most named reason for joining: “{reason}” ({pct} %; {level} % CI ({method}) {low:.1f} to "
                    "{high:.1f} % under simple random sampling of {n:,}; {deff_low:.1f} to {deff_high:.1f} % with "
                    "an assumed design effect of {deff})."
                ),
                reason=_.label("survey", top_reason["item_id"]),
                pct=p.number(top_reason["pct"], int(top_reason["decimals"])),
                low=top_reason["ci_low"],
                high=top_reason["ci_high"],
                n=n,
                deff_low=top_reason["ci_low_deff"],
                deff_high=top_reason["ci_high_deff"],
                **ci,
            ),
            " ".join(not_staying),
            p.audit_summary(),
        ]
    )
