"""Labels in the report language: messages from the gettext catalogs (:mod:`helpers.i18n`),
region names from ``data/raw/regions.csv``, and the labels of coded values (a flow, a verdict,
a survey item), :data:`CODED`.

``_ = Labels(lang)`` is what a notebook translates with: ``_("Persons")``, ``_.region("KZ-71")``,
``_.label("flow", "arrivals")``.

A missing message, name or label raises :class:`MissingTranslation`: a report never falls back
silently to another language.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load_processed

# N_ and NP_ mark the messages of the CODED table below.
from helpers.i18n import N_, NP_, MissingTranslation, Translation

#: The label of each coded value a table or sentence shows, by family: ``CODED["flow"]["net"]``.
#: A label is an English message (``N_``), or a message in a context (``NP_``) where the same
#: English is translated two ways. A new label is added here and translated in the catalogs.
CODED: dict[str, dict[str, str | tuple[str, str]]] = {
    "assumption": {
        "design_effect": N_("Design effect (deff)"),
    },
    "bears_on": {
        "programme": N_("programme in figures"),
        "difficulties": N_("difficulties (the article's figure 3)"),
        "interviews": N_("interviews"),
        "suggestions": N_("suggestions (the article's figure 4)"),
        "support": N_("allowance and housing loan"),
        "regions": N_("top regions"),
        "satisfaction": N_("satisfaction (the article's figure 2)"),
        "sectors": N_("specialists by sector"),
    },
    "cause": {
        "economic": N_("Economic"),
        "agrarian": N_("Agrarian economy"),
        "education": NP_("cause", "Education"),
        "health": N_("Health care"),
        "political_border": N_("Political and border security"),
        "historical_events": N_("Historical events"),
    },
    "ci": {
        "normal": N_("normal (Wald) interval"),
        "agresti_coull": N_("Agresti–Coull interval"),
        "beta": N_("Clopper–Pearson (exact) interval"),
        "wilson": N_("Wilson score interval"),
        "jeffreys": N_("Jeffreys interval"),
        "binom_test": N_("binomial-test interval"),
    },
    "col_recomputed": {
        "first_published": N_("Recomputed on the first-published {year} total"),
        "revised": N_("Recomputed on the revised {year} total"),
        "bulletin": N_("Recomputed on the bulletin's {year} total"),
    },
    "country": {
        "RU": N_("Russia"),
        "UZ": N_("Uzbekistan"),
        "KZ": N_("Kazakhstan"),
        "TR": N_("Turkey"),
        "US": N_("United States"),
    },
    "dp_method": {
        "normal": N_("normal approximation (Wald)"),
        "agresti_coull": N_("Agresti–Coull"),
        "beta": N_("Clopper–Pearson"),
        "wilson": N_("Wilson"),
        "jeffreys": N_("Jeffreys"),
        "binom_test": N_("binomial test"),
    },
    "field": {
        "value": N_("Number of persons"),
        "year_stated": N_("Year"),
    },
    "fig_dip_title": {
        "reasons": N_("Reasons for joining (article's Fig. 1; multiple response), % of respondents, {level} % {method} CI"),
        "satisfaction": N_("Satisfaction with conditions (article's Fig. 2), % of respondents, {level} % {method} CI"),
        "difficulties": N_("Main difficulties (article's Fig. 3; multiple response), % of respondents, {level} % {method} CI"),
        "suggestions": N_("Suggestions (article's Fig. 4; multiple response), % of respondents, {level} % {method} CI"),
        "intention": N_("Intention to stay after the term, % of respondents, {level} % {method} CI"),
    },
    "flow": {
        "arrivals": NP_("flow", "Arrivals"),
        "departures": NP_("flow", "Departures"),
        "net": N_("Net migration"),
        "turnover": N_("Gross migration (turnover)"),
    },
    "flow_subject": {
        "arrivals": N_("The number of arrivals"),
        "departures": N_("The number of departures"),
    },
    "group": {
        "ways_to_solve": N_("Ways to solve the problem"),
        "state_measures": N_("State measures"),
        "conclusions": N_("Conclusions and recommendations"),
    },
    "inside": {
        "yes": N_("yes"),
        "no": N_("no"),
    },
    "list": {
        "first": N_("First list"),
        "second": N_("Second list"),
    },
    "measure": {
        "mei": N_("Migration effectiveness index, %"),
        "anmr": N_("Aggregate net migration rate, per 100"),
        "cmi": N_("Crude migration intensity, moves per 1000"),
        "cmp": N_("Crude migration probability, moves per 100"),
        "courgeau_k": N_("Courgeau's k, CMP / ln(n²)"),
        "n_regions": N_("Number of regions n"),
        "moves": N_("Interregional moves M (sum of arrivals)"),
    },
    "method": {
        "exact": N_("exact"),
        "asymptotic": N_("asymptotic"),
    },
    "model": {
        "poisson": N_("Poisson"),
        "quasi_poisson": N_("quasi-Poisson"),
        "binomial": N_("binomial"),
        "quasi_binomial": N_("quasi-binomial"),
    },
    "pr_measure": {
        "mei": N_("Migration effectiveness index MEI, %"),
        "cmi": N_("Crude migration intensity CMI, moves per 100 residents"),
        "anmr": N_("Aggregate net migration rate ANMR, per 100 residents"),
    },
    "profile": {
        "sex.female": N_("Women"),
        "education.higher": N_("Higher education"),
        "education.secondary_special": N_("Secondary vocational education"),
        "sector.education": N_("Works in education"),
        "sector.health": N_("Works in health care"),
        "sector.agriculture_veterinary": N_("Works in agriculture or veterinary"),
        "sector.other": N_("Works in other sectors (social services, culture)"),
    },
    "question": {
        "reasons": N_("Reasons for joining (several answers allowed)"),
        "satisfaction": N_("Satisfaction with conditions"),
        "intention": N_("Intention to stay after the compulsory term"),
        "difficulties": N_("Main difficulties (several answers allowed)"),
        "suggestions": N_("Suggestions (several answers allowed)"),
    },
    "resource": {
        "batken_table1_interregional": N_("Table 1 (interregional migration)"),
        "batken_external_totals": N_("Text: external migration totals"),
    },
    "role": {
        "new_region": N_("New region"),
        "parent": N_("Region it was split from"),
    },
    "row": {
        "batken_table1_interregional": N_("{flow}, {year}"),
        "batken_external_totals": N_("{statement}; {flow}"),
    },
    "say_decomp": {
        "published": N_(
            "On the {n:,} published regions, ANMR changed ×{anmr:.3f} = CMI ×{cmi:.3f} · MEI ×{mei:.3f}: "
            "the number of internal moves accounts for {cmi_share:.0f} % of the log change and their effectiveness "
            "for {mei_share:.0f} %."
        ),
        "consistent": N_(
            "On the {n:,} consistent units, ANMR changed ×{anmr:.3f} = CMI ×{cmi:.3f} · MEI ×{mei:.3f}: "
            "the number of internal moves accounts for {cmi_share:.0f} % of the log change and their effectiveness "
            "for {mei_share:.0f} %."
        ),
        "opposite_note": N_("(A share beyond 0–100 % means the two factors pulled in opposite directions.)"),
        "caveat": N_(
            "This is not Bell et al.'s split of interregional migration into intensity and effectiveness: "
            "more moves within regions raise CMI and lower MEI by the same factor and leave ANMR unchanged, "
            "so a change in the share of within-region moves shifts the two factors in opposite directions. "
            "Only the ANMR change itself describes interregional redistribution."
        ),
    },
    "say_majority": {
        "clear": N_(
            "The interval lies wholly above 50 %: that only a minority intend to stay, and that most do "
            "not plan to stay, holds beyond sampling error."
        ),
        "both": N_(
            "Both intervals lie wholly above 50 %: that only a minority intend to stay, and that most do "
            "not plan to stay, holds beyond sampling error under either assumption."
        ),
        "srs_only": N_(
            "The interval lies wholly above 50 % under simple random sampling but not with the assumed "
            "design effect: that most do not intend to stay depends on the sampling assumption."
        ),
        "neither": N_("The interval contains 50 %: with n = {n:,} the survey cannot show that most do not intend to stay."),
        "against": N_("The interval ends at or below 50 %: the survey does not support that most do not intend to stay."),
    },
    "say_share_trend": {
        "rising": N_(
            "**Are leavers increasingly women?** Yes: the odds that a leaver is a woman rise each year "
            "(odds ratio per year {odds:.3f}, {level} % CI {low:.3f} to {high:.3f}, {model} model)."
        ),
        "falling": N_(
            "**Are leavers increasingly women?** No: the odds that a leaver is a woman fall each year (odds "
            "ratio per year {odds:.3f}, {level} % CI {low:.3f} to {high:.3f}, {model} model)."
        ),
        "unclear": N_(
            "**Are leavers increasingly women?** Not clearly: the interval for the yearly odds ratio includes "
            "1 (odds ratio per year {odds:.3f}, {level} % CI {low:.3f} to {high:.3f}, {model} model)."
        ),
    },
    "say_trend": {
        "up": N_("{flow} rose by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %)."),
        "down": N_("{flow} fell by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %)."),
        "up_shift": N_(
            "{flow} rose by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %) once a "
            "level shift is allowed for: a step of {shift:+.0f} % in {shift_year} ({level} % CI {shift_low:+.0f} "
            "to {shift_high:+.0f} %)."
        ),
        "down_shift": N_(
            "{flow} fell by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %) once a "
            "level shift is allowed for: a step of {shift:+.0f} % in {shift_year} ({level} % CI {shift_low:+.0f} "
            "to {shift_high:+.0f} %)."
        ),
    },
    "say_trend_shift": {
        "up": N_(
            "{flow} rose by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %) once a "
            "level shift is allowed for: a step of {shift:+.0f} % in {shift_year} ({level} % CI {shift_low:+.0f} "
            "to {shift_high:+.0f} %)."
        ),
        "down": N_(
            "{flow} fell by {pct:.1f} % a year ({years}; {level} % CI {low:.1f} to {high:.1f} %) once a "
            "level shift is allowed for: a step of {shift:+.0f} % in {shift_year} ({level} % CI {shift_low:+.0f} "
            "to {shift_high:+.0f} %)."
        ),
    },
    "scope": {
        "interregional": N_("interregional"),
        "external": N_("external"),
        "combined": N_("both"),
    },
    "sector": {
        "education": NP_("sector", "Education"),
        "health": N_("Health care"),
        "culture": N_("Culture"),
        "sport": N_("Sport"),
        "social_security": N_("Social security"),
        "agro_industrial": N_("Agro-industrial complex"),
    },
    "set": {
        "published": N_("{n} published regions"),
        "consistent": N_("{n} units, new regions merged with their parents"),
    },
    "spec": {
        "plain": N_("One trend"),
        "level_shift": N_("Trend with a level shift in {shift}"),
        "after_shift": N_("Trend from {shift} on"),
    },
    "statement": {
        "first": N_("First statement"),
        "ten_years_later_a": N_("“10 years later”, first"),
        "ten_years_later_b": N_("“10 years later”, second"),
    },
    "status": {
        "allocated": N_("allocated"),
        "planned": N_("planned"),
    },
    "survey": {
        "financial_support": N_("Financial support"),
        "guaranteed_job": N_("Guaranteed employment"),
        "work_in_specialty": N_("Work in one's specialty"),
        "no_job_in_city": N_("No job found in the city"),
        "wish_rural_life": N_("Wish to live in the village"),
        "fully_satisfied": N_("Fully satisfied"),
        "partly_satisfied": N_("Partly satisfied"),
        "not_satisfied": N_("Not satisfied"),
        "stay": N_("Intend to stay"),
        "leave": N_("Intend to leave"),
        "undecided": N_("Undecided"),
        "infrastructure": N_("Poor infrastructure"),
        "little_local_support": N_("Little local support"),
        "social_isolation": N_("Social isolation"),
        "low_pay": N_("Low pay"),
        "raise_lump_sum": N_("Raise the lump sum"),
        "more_housing_benefits": N_("More housing benefits"),
        "mentoring": N_("Mentoring"),
        "raise_rural_pay": N_("Raise rural pay"),
    },
    "theme": {
        "financial_motivation": N_("Financial motivation"),
        "value_motivation": N_("Returning home to be useful"),
        "adaptation_difficulties": N_("Difficulties of adaptation"),
        "retention": N_("Staying after the term"),
        "local_authority_support": N_("Support from the akimat"),
        "bureaucracy": N_("Bureaucratic barriers"),
    },
    "topic": {
        "reasons": N_("Reasons for joining"),
        "satisfaction": N_("Satisfaction"),
        "intention": N_("Intention to stay"),
        "difficulties": N_("Difficulties"),
        "suggestions": N_("Suggestions"),
    },
    "verdict": {
        "consistent": N_("consistent"),
        "inconsistent": N_("inconsistent"),
        "not_verifiable": N_("not verifiable"),
    },
    "vintage": {
        "first_published": N_("First published"),
        "revised": N_("Revised"),
        "bulletin": N_("Bulletin"),
    },
}


class Labels(Translation):
    """The messages of one report language (see :class:`helpers.i18n.Translation`), with region
    names and the labels of coded values: ``_ = Labels("ru"); _("Persons") -> "Человек"``,
    ``_.region("KZ-71")``, ``_.label("flow", "arrivals") -> "Прибывшие"``. ``regions`` and
    ``catalog`` stand in for regions.csv and the compiled catalog (a test states its own)."""

    def __init__(self, lang: str = "en", regions: pd.DataFrame | None = None, catalog=None):
        super().__init__(lang, catalog)
        reg = regions if regions is not None else load_processed("regions")
        self._regions = dict(zip(reg["iso_code"], reg[f"name_{lang}"], strict=True))

    def region(self, iso_code: str) -> str:
        """Region name in the report language (regions.csv)."""
        name = self._regions.get(iso_code)
        if name is None or (isinstance(name, float) and pd.isna(name)) or not str(name).strip():
            raise MissingTranslation(f"regions.csv has no {self.lang} name for {iso_code!r}")
        return str(name)

    def label(self, family: str, code, **fields) -> str:
        """The label of ``code`` in ``family`` (:data:`CODED`), translated, ``fields`` filled in."""
        labels = CODED.get(family)
        if labels is None:
            raise KeyError(f"helpers.labels.CODED has no family {family!r}; expected one of {', '.join(sorted(CODED))}")
        message = labels.get(str(code))
        if message is None:
            raise KeyError(f"helpers.labels.CODED[{family!r}] has no code {code!r}; expected one of {', '.join(labels)}")
        if isinstance(message, tuple):
            return self.pgettext(*message, **fields)
        return self.gettext(message, **fields)
