"""The built book, both editions: what its pages hold (read from the files: no kernel widget,
no empty output box, no source syntax, no unparsed Markdown, language links to the same page of
the other edition), and what happens in headless Chromium (Playwright, see book_pages.py, with
no host name resolvable and every request outside the book stopped): the in-page demos, the
concept questions, CJK text drawn in a CJK font, and screenshots. The suite runs without a
network in CI as well (scripts/run_isolated.sh). Every page is also opened once in
test_book_every_page.py (it renders, fits every width and is accessible); the search has
test_book_search.py.

The in-page demos (book/web/course_demos.js) are driven the way a reader would: every control is
moved, MNIST test images go through the entry point the drawing pad uses, and digits are drawn
on the pad with the mouse.
"""

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest

from book_pages import (
    ARTIFACTS,
    CHAPTERS,
    EDITIONS,
    PAGES,
    ROOT,
    book_tab,
    page_file,
    source_shown_as_text,
    typeset,
)

pytestmark = pytest.mark.browser

# The ipywidgets demos of the notebooks that the book shows as a static figure of the settings
# that matter (no kernel there); the others are computed in the page (book_pages.IN_THE_PAGE).
STATIC_IN_THE_BOOK = {
    "05_optimizers": "optimizer paths on a 2-D loss: 4 optimizers at "
    "learning rates 0.1, 0.4 and 0.55"
}
WEIGHTS = ROOT / "book" / "web" / "digit_cnn_weights.js"


def test_screenshot_of_a_chapter(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_04_loss_functions.png"
    shot.unlink(missing_ok=True)
    with book_tab(browser, height=2000) as tab:
        page = tab.open(page_file(book, "en", "04_loss_functions"))
        typeset(page)
        page.screenshot(path=shot)
    assert shot.stat().st_size > 50_000


def test_the_network_check_catches_a_page_that_reaches_out_and_nothing_else(browser, tmp_path):
    reaching = tmp_path / "reaching.html"
    reaching.write_text(
        '<p>x</p><script src="https://cdn.example.org/lib.js"></script>'
        '<img src="http://example.com/a.png">'
        '<script>new WebSocket("wss://example.net/live")</script>'
    )
    with book_tab(browser) as tab:
        tab.open(reaching)
        tab.page.wait_for_timeout(200)
        assert sorted(tab.outside) == [
            "http://example.com/a.png",
            "https://cdn.example.org/lib.js",
            "wss://example.net/live",
        ]
    local = tmp_path / "local.html"
    local.write_text(
        '<p>x</p><img src="local.png"><script>console.log("see https://example.com")</script>'
    )
    with book_tab(browser) as tab:
        tab.open(local)
        assert tab.outside == []


# ---------- nothing dead, nothing empty ----------

OUTPUT_BOX = re.compile(
    r'<div class="cell_output docutils container">(.*?)</div>\s*</div>\s*'
    r'(?=<div class="cell|<p|<section|<h\d|</section|<div class="course)',
    re.S,
)


def empty_output_boxes(page: str) -> list[str]:
    """Output boxes that show a reader nothing: no text and no image once scripts are gone."""
    shown = [
        re.sub(r"<script.*?</script>|<style.*?</style>", "", box, flags=re.S)
        for box in OUTPUT_BOX.findall(page)
    ]
    return [box for box in shown if not re.sub(r"<[^>]+>|\s", "", box) and "<img" not in box]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_kernel_widgets_and_no_empty_output_boxes(book, edition, chapter):
    page = page_file(book, edition, chapter).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in page, (
        f"{chapter}: an ipywidgets output is shown in the book, where no kernel can answer it"
    )
    for dead_weight in ("application/vnd.jupyter.widget-state+json", "embed-amd", "require.js"):
        assert dead_weight not in page, (
            f"{chapter}: the page carries widget state or loads widget scripts ({dead_weight})"
            " though it shows no widget"
        )
    assert OUTPUT_BOX.search(page), f"{chapter}: no output box found; has the theme changed?"
    empty = empty_output_boxes(page)
    assert not empty, f"{chapter}: {len(empty)} empty output box(es), e.g. {empty[0][:200]}"


def shown_markers(page: str) -> list[str]:
    """Bold markers (``**``) that a page shows as text: Markdown that did not parse, as when a
    Chinese bold span ends in punctuation right before a character (``**正确。**因为``)."""
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>|<[^>]+>", "", page, flags=re.S)
    return re.findall(r".{0,20}\*\*.{0,20}", text)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_markdown_shows_as_text(book, edition, name):
    shown = shown_markers(page_file(book, edition, name).read_text(encoding="utf-8"))
    assert not shown, f"{name} ({edition}) shows Markdown markers as text: {shown[:3]}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_source_syntax_shows_as_text(book, edition, name):
    page = page_file(book, edition, name).read_text(encoding="utf-8")
    shown = source_shown_as_text(page, typeset_later=True)
    assert not shown, f"{name} ({edition}) shows source syntax as text: {shown[:5]}"


def test_the_source_syntax_check_sees_roles_dollars_and_tex():
    assert len(source_shown_as_text("<p>is {glue:text}`a:.1f` and $x$</p>")) == 2
    assert len(source_shown_as_text("<summary>B. `F.cross_entropy` applies it</summary>")) == 1
    assert (
        len(
            source_shown_as_text(
                "<details><summary>A. near $\\ln 10$ or \\(\\ln 10\\)</summary></details>"
            )
        )
        == 4
    )
    typeset = (
        '<p><span class="math notranslate">\\(x\\)</span> and <code>$HOME</code> '
        '<summary><span class="math">\\(\\ln 10\\)</span></summary></p>'
    )
    assert source_shown_as_text(typeset, typeset_later=True) == []
    assert len(source_shown_as_text("<summary>\\(x\\)</summary>", typeset_later=True)) == 2
    assert source_shown_as_text("<p><mjx-container>\\ln</mjx-container> costs $5</p>") == []


def test_the_marker_check_catches_bold_that_did_not_parse():
    assert shown_markers("<p>**正确。**因为</p>") == ["**正确。**因为"]
    assert shown_markers("<p><strong>正确</strong>。</p><pre>a ** 2</pre>") == []


def test_the_empty_box_check_catches_an_empty_output():
    box = (
        '<div class="cell_output docutils container">\n<div class="output text_html">{}'
        "</div>\n</div>\n</div>\n<p>next</p>"
    )
    widget = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "1"}</script>'
    assert len(empty_output_boxes(box.format(widget))) == 1
    assert empty_output_boxes(box.format("<pre>epoch 0, loss 2.3</pre>")) == []
    assert empty_output_boxes(box.format('<img src="a.png">')) == []


# ---------- the in-page demos, driven as a reader would ----------


def opened(tab, book, edition: str, name: str, built: str):
    """Page ``name`` of ``edition`` in ``tab``, once its in-page demo ``built`` is built."""
    page = tab.open(page_file(book, edition, name))
    page.wait_for_selector(f'.course-demo[data-demo="{built}"][data-built="true"]')
    return page


CONTROLS = """() => {
    const root = document.querySelector('.course-demo[data-demo="softmax-temperature"]');
    return [...root.querySelectorAll("input, select")].map((control) => ({
        name: control.name, label: control.closest("label").textContent,
        tag: control.tagName, max: control.max, value: control.value}));
}"""
SHOWN = """() => {
    const root = document.querySelector('.course-demo[data-demo="softmax-temperature"]');
    return root.querySelector(".course-demo-result").textContent + "|" +
      [...root.querySelectorAll(".course-bar-fill")].map((b) => b.style.height).join(",");
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_control_of_the_softmax_demo_changes_what_it_shows(book, browser, edition):
    """Each slider is dragged to its other end with the keyboard (End or Home), the select is
    changed to its next option; what the demo shows must change, and come back."""
    with book_tab(browser) as tab:
        page = opened(tab, book, edition, "04_loss_functions", "softmax-temperature")
        demo = '.course-demo[data-demo="softmax-temperature"]'
        controls = page.evaluate(CONTROLS)
        moved = []
        for control in controls:
            element = page.locator(f'{demo} [name="{control["name"]}"]')
            before = page.evaluate(SHOWN)
            if control["tag"] == "SELECT":
                options = element.locator("option").evaluate_all("os => os.map(o => o.value)")
                index = options.index(control["value"])
                element.select_option(options[(index + 1) % len(options)])
                after = page.evaluate(SHOWN)
                element.select_option(control["value"])
            else:
                element.focus()
                at_max = control["value"] == control["max"]
                page.keyboard.press("Home" if at_max else "End")
                after = page.evaluate(SHOWN)
                element.fill(control["value"])  # back, so that each control starts alike
            assert page.evaluate(SHOWN) == before, f"{control['name']} did not come back"
            moved.append(
                {
                    "name": control["name"],
                    "label": control["label"],
                    "before": before,
                    "after": after,
                }
            )
        assert not tab.outside
    names = [m["name"] for m in moved]
    assert names == ["logit_0", "logit_1", "logit_2", "temperature", "true_class"], names
    words = {"en": "logit of class 0", "zh": "类别 0 的 logit"}[edition]
    assert moved[0]["label"].startswith(words), moved[0]["label"]
    result = {"en": "probabilities ", "zh": "概率 "}[edition]
    assert all(m["before"].startswith(result) for m in moved), moved[0]["before"]
    for control in moved:
        assert control["after"] != control["before"], f"{control['name']} changed nothing"
        print(f"moved {control['name']}: {control['before']} -> {control['after']}")
    print(
        "demos turned static in the book:",
        "; ".join(f"{k}: {v}" for k, v in STATIC_IN_THE_BOOK.items()),
    )


def exported_weights() -> tuple[dict, dict]:
    text = WEIGHTS.read_text().removeprefix("window.COURSE_DIGIT_CNN = ")
    exported = json.loads(text.rstrip().removesuffix(";"))
    arrays = {
        name: np.frombuffer(base64.b64decode(p["data"]), "<f4").reshape(p["shape"])
        for name, p in exported["parameters"].items()
    }
    return exported, arrays


def paddle_probabilities(images: np.ndarray) -> np.ndarray:
    import paddle
    import paddle.nn.functional as F

    import lessons_src

    model = lessons_src.CNN(num_outputs=10)
    model.set_state_dict({name: paddle.to_tensor(a) for name, a in exported_weights()[1].items()})
    model.eval()
    with paddle.no_grad():
        return F.softmax(model(paddle.to_tensor(images))).numpy()


def test_the_committed_weights_are_the_full_mode_model():
    from lessons_src import load_split

    exported, _ = exported_weights()
    assert exported["mode"] == "full"
    images, labels = load_split("eval")
    probabilities = paddle_probabilities(images[:2000, None].astype("float32") / 255)
    accuracy = float(np.mean(probabilities.argmax(axis=1) == labels[:2000]))
    assert accuracy > 0.95, f"the committed weights classify only {accuracy:.1%}"


def test_the_page_computes_paddles_probabilities(book, browser):
    from lessons_src import load_split

    images, labels = load_split("eval")
    chosen = np.concatenate([np.flatnonzero(labels == d)[:3] for d in range(10)])  # 30 images
    pixels = images[chosen].astype("float32") / 255
    with book_tab(browser) as tab:
        page = opened(tab, book, "en", "draw_a_digit", "draw-digit")
        in_page = np.array(
            page.evaluate(
                """async (images) => {
            const model = await courseDemos.digitModel;
            return images.map((image) => courseDemos.classifyDigit(model, image));
        }""",
                pixels.reshape(len(chosen), 784).round(8).tolist(),
            )
        )
        assert not tab.outside
    paddle = paddle_probabilities(pixels[:, None])
    gap = float(np.abs(in_page - paddle).max())
    summary = (
        f"{len(chosen)} MNIST test images (3 of each digit): largest absolute difference "
        f"between the page's and Paddle's probabilities {gap:.2e}; predicted classes "
        f"equal: {bool((in_page.argmax(1) == paddle.argmax(1)).all())}"
    )
    print(summary)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "js_vs_paddle.txt").write_text(summary + "\n")
    assert in_page.shape == (len(chosen), 10)
    assert gap < 1e-4
    assert (in_page.argmax(axis=1) == paddle.argmax(axis=1)).all()


# Strokes in pad coordinates (0 to 1), drawn as a reader would draw these digits.
STROKES = {
    "0": [[(0.5 + 0.22 * np.sin(t), 0.5 - 0.32 * np.cos(t)) for t in np.linspace(0, 6.4, 40)]],
    "1": [[(0.52 - 0.004 * k, 0.15 + 0.035 * k) for k in range(21)]],
    "7": [[(0.25, 0.2), (0.75, 0.2), (0.6, 0.45), (0.45, 0.85)]],
}


PAD = '.course-demo[data-demo="draw-digit"]'
STATUS = f"() => document.querySelector('{PAD} .course-demo-result').textContent"


def draw(page, digit: str) -> dict:
    """Draw ``digit`` on the pad with the mouse and wait for the prediction; return what the
    demo says and how much ink its 28 x 28 view holds."""
    pad = page.locator(f"{PAD} .course-draw-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    for stroke in STROKES[digit]:
        points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point, steps=2)
        page.mouse.up()
    page.wait_for_function(f"() => /^(Prediction|预测)/.test(({STATUS})())")
    return page.evaluate(f"""() => {{
        const view = document.querySelector('{PAD} .course-draw-view').getContext("2d")
            .getImageData(0, 0, 28, 28).data;
        let ink = 0;
        for (let i = 0; i < view.length; i += 4) ink += view[i] / 255;
        return {{status: ({STATUS})(), ink,
                 about: document.querySelector('{PAD} .course-demo-about').textContent}};
    }}""")


# What the drawing demo says, in each edition: the prediction, the model, the empty pad.
DEMO_WORDS = {
    "en": (
        r"Prediction: (\d) \(probability \d+\.\d%\)",
        "full-mode run",
        "Draw a digit from 0 to 9 in the black square.",
    ),
    "zh": (r"预测：(\d)（概率 \d+\.\d%）", "完整模式运行", "在黑色方框里写一个 0 到 9 的数字。"),
}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("digit", sorted(STROKES))
def test_drawing_on_the_pad_gives_a_prediction(book, browser, digit, edition):
    with book_tab(browser) as tab:
        page = opened(tab, book, edition, "draw_a_digit", "draw-digit")
        seen = draw(page, digit)
        page.locator(f"{PAD} button").click()  # the other control: Clear
        cleared = page.evaluate(f"""() => ({{status: ({STATUS})(),
            bars: [...document.querySelectorAll('{PAD} .course-bar-fill')]
                .every((bar) => parseFloat(bar.style.height) === 0)}})""")
        assert not tab.outside
    print(f"drew a {digit}:", seen["status"], "|", seen["about"])
    prediction, about, prompt = DEMO_WORDS[edition]
    read = re.fullmatch(prediction, seen["status"])
    assert read, seen
    assert read.group(1) == digit, seen["status"]
    assert 15 < seen["ink"] < 200, f"the 28 x 28 view holds {seen['ink']:.1f} of ink"
    assert about in seen["about"]
    assert cleared == {"status": prompt, "bars": True}, cleared


def test_screenshot_of_the_drawing_demo(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "draw_a_digit.png"
    shot.unlink(missing_ok=True)
    with book_tab(browser, height=2000) as tab:
        page = opened(tab, book, "en", "draw_a_digit", "draw-digit")
        assert draw(page, "7")["status"].startswith("Prediction: 7")
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=shot)
    assert shot.stat().st_size > 20_000


# ---------- what only the Chinese edition has ----------


def language_link(page: Path) -> tuple[Path, str]:
    """The page the language switch of ``page`` leads to, and the language it names."""
    found = re.search(
        r'<p class="language-switch"><a href="([^"]+)" hreflang="([^"]+)"',
        page.read_text(encoding="utf-8"),
    )
    assert found, f"{page.name}: no language switch"
    return (page.parent / found.group(1)).resolve(), found.group(2)


@pytest.mark.parametrize("name", PAGES)
def test_the_language_switch_of_every_page_leads_to_the_same_page_and_back(book, name):
    english, chinese = page_file(book, "en", name), page_file(book, "zh", name)
    assert language_link(english) == (chinese.resolve(), "zh-CN")
    assert language_link(chinese) == (english.resolve(), "en")
    assert '<html lang="zh-CN"' in chinese.read_text(encoding="utf-8")
    assert '<html lang="en"' in english.read_text(encoding="utf-8")


# The pixels of each character drawn in the heading's font: without a CJK font every character
# is the same empty box.
GLYPHS = """(words) => {
    const heading = document.querySelector("h1");
    const font = getComputedStyle(heading).font;
    const glyph = (text) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      const pen = canvas.getContext("2d");
      pen.font = font.replace(/\\d+(\\.\\d+)?px/, "48px");
      pen.fillText(text, 4, 52);
      return Array.from(pen.getImageData(0, 0, 64, 64).data).join(",");
    };
    return {text: heading.textContent, distinct: new Set([...words].map(glyph)).size,
            missing: glyph("\\u{10FFFD}") === glyph(words[0])};
}"""


def test_chinese_text_is_drawn_in_a_cjk_font(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_zh_03_network_structures.png"
    shot.unlink(missing_ok=True)
    words = "网络结构损失函数"
    with book_tab(browser, height=2000) as tab:
        page = tab.open(page_file(book, "zh", "03_network_structures"))
        typeset(page)
        seen = page.evaluate(GLYPHS, words)
        page.screenshot(path=shot)
        assert not tab.outside
    assert seen["text"].startswith("3. 网络结构"), seen
    assert seen["distinct"] == len(words) and not seen["missing"], seen
    assert shot.stat().st_size > 50_000


# ---------- the concept questions ----------

# The intended answer of every question, chapter by chapter, kept here apart from the pages.
QUIZ_ANSWERS = {
    "01_linear_baseline": "BACBA",
    "02_data_processing": "CCACB",
    "03_network_structures": "CABB",
    "04_loss_functions": "CBAC",
    "05_optimizers": "ACBCA",
    "06_gpu_and_distributed": "BBACB",
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
