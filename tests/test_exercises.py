from __future__ import annotations

from helpers.exercises import answer, answer_html


def test_answer_is_folded_details_with_rendered_markdown():
    html = answer_html("N = 5 − 7 = **−2**")
    assert html == '<details class="answer"><summary>Answer</summary>\n<p>N = 5 − 7 = <strong>−2</strong></p>\n</details>'
    assert answer("x", summary="Hint").data.startswith('<details class="answer"><summary>Hint</summary>')


def test_answer_summary_is_escaped():
    assert "<summary>a &lt;b&gt;</summary>" in answer_html("x", summary="a <b>")


def test_answer_carries_the_report_language():
    html = answer_html("k = 1", summary="Ответ", lang="ru")
    assert html.startswith('<details class="answer" lang="ru"><summary>Ответ</summary>')
    assert answer("x", lang="kk").data.startswith('<details class="answer" lang="kk">')


def test_raw_html_in_an_answer_is_shown_not_run():
    html = answer_html("**1** <img src=x onerror=alert(1)>")
    assert "<img" not in html
    assert "<p><strong>1</strong> &lt;img src=x onerror=alert(1)&gt;</p>" in html
