"""The concept questions of every chapter, both editions, answered in headless Chromium with the
mouse and with the keyboard: each answer gives its feedback, right or wrong, and the intended
answers (kept here, apart from the pages) are the ones marked right.
"""

import pytest

from book_pages import (
    CHAPTERS,
    EDITIONS,
    book_tab,
    page_file,
)

pytestmark = pytest.mark.browser


# The intended answer of every question, chapter by chapter, kept here apart from the pages.
QUIZ_ANSWERS = {
    "01_linear_baseline": "BACBA",
    "02_data_processing": "CCACB",
    "03_network_structures": "CABB",
    "04_loss_functions": "CBAC",
    "05_optimizers": "ACBCA",
    "06_gpu_and_distributed": "BBACBC",
    "07_debug_regularize_visualize": "ACCAC",
    "08_resume_training": "BCABB",
    "09_ten_questions": "ACBAC",
    "10_high_level_api": "BCCAB",
    "11_house_numbers": "BCABC",
}
VERDICTS = {"en": ("Right.", "Wrong."), "zh": ("正确。", "错误。")}
QUESTION_STATE = """name => [...document.querySelectorAll(`details[name="${name}"]`)].map(
    option => {
        const summary = option.querySelector('summary');
        const explanation = option.querySelector(':scope > p');
        return {letter: summary.innerText.split('.')[0], open: option.open,
                shown: explanation !== null && explanation.checkVisibility(),
                text: explanation ? explanation.innerText : '',
                mark: getComputedStyle(summary, '::before').content,
                focused: document.activeElement === summary};
    })"""


def chosen(page, name: str, index: int, edition: str, where: str) -> bool:
    """What the reader sees once answer ``index`` of question ``name`` is chosen: that answer
    alone open, its explanation shown and marked right or wrong; return whether it is right."""
    states = page.evaluate(QUESTION_STATE, name)
    state = states[index]
    assert state["open"] and state["shown"], f"{where}: the answer did not open"
    assert sum(s["open"] for s in states) == 1, f"{where}: other answers stay open"
    marked_right = "\u2713" in state["mark"]
    assert marked_right or "\u2717" in state["mark"], f"{where}: not marked: {state['mark']}"
    verdict = VERDICTS[edition][0 if marked_right else 1]
    assert state["text"].startswith(verdict), (
        f"{where}: the mark ({state['mark']}) and the explanation disagree: {state['text']!r}"
    )
    return marked_right


def answer_with_the_mouse(page, name: str, index: int) -> None:
    """A real click (mouse down and up) on the middle of the answer's line."""
    point = page.evaluate(
        """([name, index]) => {
        const summary = document.querySelectorAll(`details[name="${name}"] > summary`)[index];
        summary.scrollIntoView({block: 'center'});
        const box = summary.getBoundingClientRect();
        return {x: box.left + box.width / 2, y: box.top + box.height / 2};
    }""",
        [name, index],
    )
    page.mouse.click(point["x"], point["y"])


def answer_with_the_keyboard(page, name: str, index: int, count: int) -> None:
    """Enter on the first answer; then Tab to the next answer and Space."""
    if index == 0:
        page.locator(f'details[name="{name}"] > summary').first.focus()
        page.keyboard.press("Enter")
        return
    for _ in range(4):  # past a formula, which takes the focus too
        page.keyboard.press("Tab")
        if page.evaluate(QUESTION_STATE, name)[index]["focused"]:
            break
    else:
        pytest.fail(f"{name}: Tab does not reach answer {index + 1} of {count}")
    page.keyboard.press("Space")


@pytest.mark.parametrize("edition", EDITIONS)
def test_quiz_every_answer_of_every_chapter_gives_its_feedback(book, browser, edition):
    """Every answer of every question, chosen with the keyboard (English) and with the mouse
    (both editions): nothing shows before a choice, the chosen answer shows its explanation
    marked right or wrong (the
    mark agrees with the explanation's first word), the other answers close, and exactly the
    intended answer is marked right. Offline: a request for anything outside the book fails."""
    with book_tab(browser) as tab:
        page = tab.page
        for chapter in CHAPTERS:
            tab.open(page_file(book, edition, chapter))
            questions = page.evaluate("""() => [...new Set([...document.querySelectorAll(
                'details.quiz-option')].map(d => d.getAttribute('name')))]""")
            assert 4 <= len(questions) <= 6, f"{chapter}: {len(questions)} questions"
            assert len(questions) == len(QUIZ_ANSWERS[chapter]), chapter
            for name, intended in zip(questions, QUIZ_ANSWERS[chapter]):
                before = page.evaluate(QUESTION_STATE, name)
                letters = [state["letter"] for state in before]
                assert letters == list("ABCD"[: len(letters)]) and len(letters) >= 3, letters
                assert not any(s["open"] or s["shown"] for s in before), (
                    f"{chapter}, {name}: an explanation shows before any choice"
                )
                # the keyboard on the English pages (the same markup and style serve both)
                for how in ("keyboard", "mouse") if edition == "en" else ("mouse",):
                    marked = []
                    for index in range(len(letters)):
                        if how == "mouse":
                            answer_with_the_mouse(page, name, index)
                        else:
                            answer_with_the_keyboard(page, name, index, len(letters))
                        where = f"{chapter}, {name}, answer {letters[index]} ({how})"
                        marked.append(chosen(page, name, index, edition, where))
                    right = [letter for letter, m in zip(letters, marked) if m]
                    assert right == [intended], (
                        f"{chapter}, {name}: marked right {right}, intended {intended}"
                    )
                    answer_with_the_mouse(page, name, len(letters) - 1)  # close it
        assert not tab.outside, f"requests outside the book: {tab.outside[:5]}"
