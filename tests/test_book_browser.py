"""Build both editions of the book and open every page in headless Chromium with host names
unresolvable: each page renders its title, figures, math and in-page demos, and asks for nothing
outside the book (the net log says so, see browser.py). The suite runs without a network in CI as
well (scripts/run_isolated.sh). The Chinese edition (under zh/) is checked like the English one,
plus what only it has: CJK text drawn in a CJK font, Chinese search, and language links that lead
to the same page of the other edition.

The in-page demos (book/web/course_demos.js) are driven the way a reader would: a copy of the
built page gets a test script that moves every control, or feeds MNIST test images through the
entry point the drawing pad uses, or draws strokes with pointer events; the script writes what it
saw into the page, and Chromium's dump of the page brings it back here.
"""

import base64
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest

from browser import remote_requests, render
from built_book import built_book as built_book_folder

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb")
                  if not p.name.endswith(".zh.ipynb"))
PAGES = [*CHAPTERS, "intro", "draw_a_digit", "results", "appendix_fluid_api", "glossary"]
EDITIONS = ["en", "zh"]
# The ipywidgets demos of the notebooks, and what the book shows instead (no kernel there):
# a demo computed in the page, or a static figure of the settings that matter.
IN_THE_PAGE = {"04_loss_functions": "softmax-temperature"}  # plus the Draw a digit page
STATIC_IN_THE_BOOK = {"05_optimizers": "optimizer paths on a 2-D loss: 4 optimizers at "
                                       "learning rates 0.1, 0.4 and 0.55"}
WEIGHTS = ROOT / "book" / "web" / "digit_cnn_weights.js"
PAGE_FLAGS = ["--window-size=1200,2000", "--virtual-time-budget=15000",
              "--host-resolver-rules=MAP * ~NOTFOUND"]  # no host name resolves, network or not


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    """Both editions, built as scripts/build_book.sh builds them (warnings are errors)."""
    return built_book_folder(tmp_path_factory.mktemp("book"), with_pdfs=False)


def page_file(built_book: Path, edition: str, name: str) -> Path:
    """The built page ``name`` (a page of the English book) in ``edition``."""
    if edition == "zh":
        return built_book / "zh" / "book" / f"{name}.zh.html"
    return built_book / "book" / f"{name}.html"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_renders_offline(built_book, edition, chapter, tmp_path):
    page = page_file(built_book, edition, chapter)
    result = render(page.as_uri(), tmp_path / "chromium", *PAGE_FLAGS, "--dump-dom")
    dom = result.stdout
    title = re.search(r"<h1[^>]*>(.*?)<", dom, re.S)
    assert title and title.group(1).strip()[:1].isdigit(), f"{chapter}: no chapter title"
    assert len(re.findall(r"<img [^>]*src=\"[^\"]*_images/", dom)) >= 1, f"{chapter}: no figure"
    raw = page.read_text(encoding="utf-8")
    if 'class="math' in raw:
        assert "<mjx-container" in dom, f"{chapter}: math was not rendered by MathJax"
    shown = source_shown_as_text(dom)  # after MathJax: every formula typeset, answers included
    assert not shown, f"{chapter} ({edition}) shows source syntax as text: {shown[:5]}"
    if chapter in IN_THE_PAGE:
        assert f'data-demo="{IN_THE_PAGE[chapter]}" data-built="true"' in dom, (
            f"{chapter}: the in-page demo was not built")
    remote = remote_requests(tmp_path / "chromium")
    assert not remote, f"{chapter}: the page tried to reach the network:\n" + "\n".join(remote[:5])


def test_screenshot_of_a_chapter(built_book, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_04_loss_functions.png"
    shot.unlink(missing_ok=True)
    render((built_book / "book" / "04_loss_functions.html").as_uri(), tmp_path / "chromium",
           *PAGE_FLAGS, f"--screenshot={shot}")
    assert shot.stat().st_size > 50_000


def test_the_network_check_catches_a_page_that_reaches_out_and_nothing_else(tmp_path):
    reaching = tmp_path / "reaching.html"
    reaching.write_text('<p>x</p><script src="https://cdn.example.org/lib.js"></script>'
                        '<img src="http://example.com/a.png">')
    render(reaching.as_uri(), tmp_path / "reaching", *PAGE_FLAGS, "--dump-dom")
    assert sorted(remote_requests(tmp_path / "reaching")) == [
        "http://example.com/a.png", "https://cdn.example.org/lib.js"]
    local = tmp_path / "local.html"
    local.write_text('<p>x</p><script>console.log("see https://example.com")</script>')
    render(local.as_uri(), tmp_path / "local", *PAGE_FLAGS, "--dump-dom")
    assert remote_requests(tmp_path / "local") == []


# ---------- nothing dead, nothing empty ----------

OUTPUT_BOX = re.compile(r'<div class="cell_output docutils container">(.*?)</div>\s*</div>\s*'
                        r'(?=<div class="cell|<p|<section|<h\d|</section|<div class="course)', re.S)


def empty_output_boxes(page: str) -> list[str]:
    """Output boxes that show a reader nothing: no text and no image once scripts are gone."""
    shown = [re.sub(r"<script.*?</script>|<style.*?</style>", "", box, flags=re.S)
             for box in OUTPUT_BOX.findall(page)]
    return [box for box in shown if not re.sub(r"<[^>]+>|\s", "", box) and "<img" not in box]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_kernel_widgets_and_no_empty_output_boxes(built_book, edition, chapter):
    page = page_file(built_book, edition, chapter).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in page, (
        f"{chapter}: an ipywidgets output is shown in the book, where no kernel can answer it")
    for dead_weight in ("application/vnd.jupyter.widget-state+json", "embed-amd", "require.js"):
        assert dead_weight not in page, (
            f"{chapter}: the page carries widget state or loads widget scripts ({dead_weight})"
            " though it shows no widget")
    assert OUTPUT_BOX.search(page), f"{chapter}: no output box found; has the theme changed?"
    empty = empty_output_boxes(page)
    assert not empty, f"{chapter}: {len(empty)} empty output box(es), e.g. {empty[0][:200]}"


def shown_markers(page: str) -> list[str]:
    """Bold markers (``**``) that a page shows as text: Markdown that did not parse, as when a
    Chinese bold span ends in punctuation right before a character (``**正确。**因为``)."""
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>|<[^>]+>", "",
                  page, flags=re.S)
    return re.findall(r".{0,20}\*\*.{0,20}", text)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_markdown_shows_as_text(built_book, edition, name):
    shown = shown_markers(page_file(built_book, edition, name).read_text(encoding="utf-8"))
    assert not shown, f"{name} ({edition}) shows Markdown markers as text: {shown[:3]}"


# MyST roles ({glue:text}`x`), dollar math and TeX commands: source a reader must never see
SOURCE_SYNTAX = re.compile(r"\{[\w:-]+\}`|\{glue|\$[^$\s][^$]*\$|\\[a-zA-Z]+|\\[()\[\]]")


def source_shown_as_text(page: str, typeset_later: bool = False) -> list[str]:
    """Source syntax in the text of ``page`` outside code and typeset math, inside closed
    ``<details>`` too. ``typeset_later``: the page as built, before MathJax has run, so that
    what MathJax will typeset (``class="math"`` elements: myst-nb keeps MathJax off the rest of
    a notebook's page) is left out."""
    text = re.sub(r"<(pre|code|script|style|mjx-container)\b.*?</\1>", "", page, flags=re.S)
    if typeset_later:
        text = re.sub(r'<(span|div) class="math[^"]*">.*?</\1>', "", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return [text[max(0, m.start() - 20):m.end() + 20] for m in SOURCE_SYNTAX.finditer(text)]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_source_syntax_shows_as_text(built_book, edition, name):
    page = page_file(built_book, edition, name).read_text(encoding="utf-8")
    shown = source_shown_as_text(page, typeset_later=True)
    assert not shown, f"{name} ({edition}) shows source syntax as text: {shown[:5]}"


def test_the_source_syntax_check_sees_roles_dollars_and_tex():
    assert len(source_shown_as_text("<p>is {glue:text}`a:.1f` and $x$</p>")) == 2
    assert len(source_shown_as_text(
        "<details><summary>A. near $\\ln 10$ or \\(\\ln 10\\)</summary></details>")) == 4
    typeset = ('<p><span class="math notranslate">\\(x\\)</span> and <code>$HOME</code> '
               '<summary><span class="math">\\(\\ln 10\\)</span></summary></p>')
    assert source_shown_as_text(typeset, typeset_later=True) == []
    assert len(source_shown_as_text("<summary>\\(x\\)</summary>", typeset_later=True)) == 2
    assert source_shown_as_text("<p><mjx-container>\\ln</mjx-container> costs $5</p>") == []


def test_the_marker_check_catches_bold_that_did_not_parse():
    assert shown_markers("<p>**正确。**因为</p>") == ["**正确。**因为"]
    assert shown_markers("<p><strong>正确</strong>。</p><pre>a ** 2</pre>") == []


def test_the_empty_box_check_catches_an_empty_output():
    box = ('<div class="cell_output docutils container">\n<div class="output text_html">{}'
           '</div>\n</div>\n</div>\n<p>next</p>')
    widget = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "1"}</script>'
    assert len(empty_output_boxes(box.format(widget))) == 1
    assert empty_output_boxes(box.format("<pre>epoch 0, loss 2.3</pre>")) == []
    assert empty_output_boxes(box.format('<img src="a.png">')) == []


# ---------- the in-page demos, driven as a reader would ----------

def run_in_page(built_book: Path, page: str, script: str, tmp_path: Path, *extra: str,
                query: str = "", edition: str = "en") -> dict:
    """Open a copy of a built page with ``script`` added; return what it wrote to #test-result."""
    original = page_file(built_book, edition, page)
    copy = original.with_name(f"{page}_test_{tmp_path.name}.html")
    copy.write_text(original.read_text(encoding="utf-8").replace(
        "</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    try:
        result = render(copy.as_uri() + query, tmp_path / "chromium", *PAGE_FLAGS, *extra,
                        "--dump-dom")
    finally:
        copy.unlink()
    found = re.search(r'<pre id="test-result"[^>]*>(.*?)</pre>', result.stdout, re.S)
    assert found, f"{page}: the test script wrote nothing\n{result.stderr[-2000:]}"
    answer = json.loads(html.unescape(found.group(1)))
    assert "error" not in answer, answer
    assert not remote_requests(tmp_path / "chromium"), f"{page} reached for the network"
    return answer


REPORT = """
function report(value) {
  const out = document.createElement("pre");
  out.id = "test-result";
  out.textContent = JSON.stringify(value);
  document.body.appendChild(out);
}
"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_control_of_the_softmax_demo_changes_what_it_shows(built_book, edition, tmp_path):
    script = REPORT + """
window.addEventListener("load", () => {
  try {
    const root = document.querySelector('.course-demo[data-demo="softmax-temperature"]');
    const shown = () => root.querySelector(".course-demo-result").textContent + "|" +
      [...root.querySelectorAll(".course-bar-fill")].map((b) => b.style.height).join(",");
    const moved = [];
    for (const control of root.querySelectorAll("input, select")) {
      const before = shown(), start = control.value;
      const type = control.tagName === "SELECT" ? "change" : "input";
      if (control.tagName === "SELECT") {
        control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
      } else {
        control.value = control.value === control.max ? control.min : control.max;
      }
      control.dispatchEvent(new Event(type));
      moved.push({ name: control.name, label: control.closest("label").textContent, before,
                   after: shown() });
      control.value = start;  // back, so that each control is tried from the same state
      control.dispatchEvent(new Event(type));
    }
    report({ moved });
  } catch (e) { report({ error: String(e) }); }
});
"""
    moved = run_in_page(built_book, "04_loss_functions", script, tmp_path, edition=edition)["moved"]
    names = [m["name"] for m in moved]
    assert names == ["logit_0", "logit_1", "logit_2", "temperature", "true_class"], names
    words = {"en": "logit of class 0", "zh": "类别 0 的 logit"}[edition]
    assert moved[0]["label"].startswith(words), moved[0]["label"]
    result = {"en": "probabilities ", "zh": "概率 "}[edition]
    assert all(m["before"].startswith(result) for m in moved), moved[0]["before"]
    for control in moved:
        assert control["after"] != control["before"], f"{control['name']} changed nothing"
        print(f"moved {control['name']}: {control['before']} -> {control['after']}")
    print("demos turned static in the book:", "; ".join(f"{k}: {v}" for k, v in STATIC_IN_THE_BOOK.items()))


def exported_weights() -> tuple[dict, dict]:
    text = WEIGHTS.read_text().removeprefix("window.COURSE_DIGIT_CNN = ")
    exported = json.loads(text.rstrip().removesuffix(";"))
    arrays = {name: np.frombuffer(base64.b64decode(p["data"]), "<f4").reshape(p["shape"])
              for name, p in exported["parameters"].items()}
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


def test_the_page_computes_paddles_probabilities(built_book, tmp_path):
    from lessons_src import load_split

    images, labels = load_split("eval")
    chosen = np.concatenate([np.flatnonzero(labels == d)[:3] for d in range(10)])  # 30 images
    pixels = images[chosen].astype("float32") / 255
    script = REPORT + f"""
const IMAGES = {json.dumps(pixels.reshape(len(chosen), 784).round(8).tolist())};
window.addEventListener("load", async () => {{
  try {{
    const model = await courseDemos.digitModel;
    report({{ probabilities: IMAGES.map((image) => courseDemos.classifyDigit(model, image)) }});
  }} catch (e) {{ report({{ error: String(e) }}); }}
}});
"""
    in_page = np.array(run_in_page(built_book, "draw_a_digit", script, tmp_path)["probabilities"])
    paddle = paddle_probabilities(pixels[:, None])
    gap = float(np.abs(in_page - paddle).max())
    summary = (f"{len(chosen)} MNIST test images (3 of each digit): largest absolute difference "
               f"between the page's and Paddle's probabilities {gap:.2e}; predicted classes "
               f"equal: {bool((in_page.argmax(1) == paddle.argmax(1)).all())}")
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


def drawing_script(digit: str) -> str:
    """Draw ``digit`` with pointer events, wait for the prediction, then try Clear."""
    strokes = json.dumps([[list(map(float, p)) for p in stroke] for stroke in STROKES[digit]])
    return REPORT + f"const STROKES = {strokes};" + """
window.addEventListener("load", async () => {
  try {
    await courseDemos.digitModel;
    const root = document.querySelector('.course-demo[data-demo="draw-digit"]');
    const pad = root.querySelector(".course-draw-pad");
    root.scrollIntoView();
    const box = pad.getBoundingClientRect();
    const at = (type, [x, y]) => pad.dispatchEvent(new PointerEvent(type, {
      clientX: box.left + x * box.width, clientY: box.top + y * box.height,
      pointerId: 7, pointerType: "mouse", buttons: 1, bubbles: true }));
    for (const stroke of STROKES) {
      at("pointerdown", stroke[0]);
      stroke.slice(1).forEach((point) => at("pointermove", point));
      at("pointerup", stroke[stroke.length - 1]);
    }
    const status = () => root.querySelector(".course-demo-result").textContent;
    for (let tries = 0; tries < 100 && !/^(Prediction|预测)/.test(status()); tries++) {
      await new Promise((done) => setTimeout(done, 50));  // the pad predicts every 30 ms
    }
    const view = root.querySelector(".course-draw-view").getContext("2d")
      .getImageData(0, 0, 28, 28).data;
    let ink = 0;
    for (let i = 0; i < view.length; i += 4) ink += view[i] / 255;
    const predicted = status();
    const shot = new URLSearchParams(location.search).has("keep");
    let cleared = null;
    if (!shot) {  // the other control of the demo: Clear empties the pad, the view and the bars
      root.querySelector("button").click();
      const bars = [...root.querySelectorAll(".course-bar-fill")].map((b) => b.style.height);
      cleared = { status: status(), bars: bars.every((h) => parseFloat(h) === 0) };
    }
    report({ status: predicted, ink, cleared,
             about: root.querySelector(".course-demo-about").textContent });
  } catch (e) { report({ error: String(e) }); }
});
"""


# What the drawing demo says, in each edition: the prediction, the model, the empty pad.
DEMO_WORDS = {
    "en": (r"Prediction: (\d) \(probability \d+\.\d%\)", "full-mode run",
           "Draw a digit from 0 to 9 in the black square."),
    "zh": (r"预测：(\d)（概率 \d+\.\d%）", "完整模式运行", "在黑色方框里写一个 0 到 9 的数字。"),
}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("digit", sorted(STROKES))
def test_drawing_on_the_pad_gives_a_prediction(built_book, tmp_path, digit, edition):
    seen = run_in_page(built_book, "draw_a_digit", drawing_script(digit), tmp_path,
                       edition=edition)
    print(f"drew a {digit}:", seen["status"], "|", seen["about"])
    prediction, about, prompt = DEMO_WORDS[edition]
    read = re.fullmatch(prediction, seen["status"])
    assert read, seen
    assert read.group(1) == digit, seen["status"]
    assert 15 < seen["ink"] < 200, f"the 28 x 28 view holds {seen['ink']:.1f} of ink"
    assert about in seen["about"]
    assert seen["cleared"] == {"status": prompt, "bars": True}, seen["cleared"]


def test_screenshot_of_the_drawing_demo(built_book, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "draw_a_digit.png"
    shot.unlink(missing_ok=True)
    seen = run_in_page(built_book, "draw_a_digit", drawing_script("7"), tmp_path,
                       f"--screenshot={shot}",
                       query="?keep")  # the drawing stays on the pad for the picture
    assert seen["status"].startswith("Prediction: ") and seen["cleared"] is None
    assert shot.stat().st_size > 20_000


# ---------- what only the Chinese edition has ----------

def language_link(page: Path) -> tuple[Path, str]:
    """The page the language switch of ``page`` leads to, and the language it names."""
    found = re.search(r'<p class="language-switch"><a href="([^"]+)" hreflang="([^"]+)"',
                      page.read_text(encoding="utf-8"))
    assert found, f"{page.name}: no language switch"
    return (page.parent / found.group(1)).resolve(), found.group(2)


@pytest.mark.parametrize("name", PAGES)
def test_the_language_switch_of_every_page_leads_to_the_same_page_and_back(built_book, name):
    english, chinese = page_file(built_book, "en", name), page_file(built_book, "zh", name)
    assert language_link(english) == (chinese.resolve(), "zh-CN")
    assert language_link(chinese) == (english.resolve(), "en")
    assert '<html lang="zh-CN"' in chinese.read_text(encoding="utf-8")
    assert '<html lang="en"' in english.read_text(encoding="utf-8")


CJK_SCRIPT = REPORT + """
window.addEventListener("load", () => {
  try {
    const heading = document.querySelector("h1");
    const font = getComputedStyle(heading).font;
    const glyph = (text) => {  // the pixels of one character drawn in the heading's font
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      const pen = canvas.getContext("2d");
      pen.font = font.replace(/\\d+(\\.\\d+)?px/, "48px");
      pen.fillText(text, 4, 52);
      return Array.from(pen.getImageData(0, 0, 64, 64).data).join(",");
    };
    const words = "网络结构损失函数";
    const shapes = new Set([...words].map(glyph));
    report({ text: heading.textContent, distinct: shapes.size, count: words.length,
             missing: glyph("\\u{10FFFD}") === glyph(words[0]) });
  } catch (e) { report({ error: String(e) }); }
});
"""


def test_chinese_text_is_drawn_in_a_cjk_font(built_book, tmp_path):
    seen = run_in_page(built_book, "03_network_structures", CJK_SCRIPT, tmp_path, edition="zh")
    assert seen["text"].startswith("3. 网络结构"), seen
    # without a CJK font every character is the same empty box
    assert seen["distinct"] == seen["count"] and not seen["missing"], seen
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_zh_03_network_structures.png"
    shot.unlink(missing_ok=True)
    render(page_file(built_book, "zh", "03_network_structures").as_uri(), tmp_path / "shot",
           *PAGE_FLAGS, f"--screenshot={shot}")
    assert shot.stat().st_size > 50_000


@pytest.mark.parametrize("word, page", [("卷积", "03_network_structures"),
                                        ("交叉熵", "04_loss_functions"),
                                        ("检查点", "08_resume_training")])
def test_the_chinese_search_finds_chinese_words(built_book, tmp_path, word, page):
    search = built_book / "zh" / "search.html"
    result = render(f"{search.as_uri()}?q={quote(word)}", tmp_path / "chromium", *PAGE_FLAGS,
                    "--dump-dom")
    found = re.findall(r'<li[^>]*><a href="book/([\w.]+)\.html', result.stdout)
    assert f"{page}.zh" in found, f"searching {word!r} found {found}"
    assert "搜索完成" in result.stdout


# ---------- the concept questions ----------

# The intended answer of every question, chapter by chapter, kept here apart from the pages.
QUIZ_ANSWERS = {
    "01_linear_baseline": "BACBA", "02_data_processing": "CCACB", "03_network_structures": "CABB",
    "04_loss_functions": "CBAC", "05_optimizers": "ACBCA", "06_gpu_and_distributed": "BBACB",
    "07_debug_regularize_visualize": "ACCAC", "08_resume_training": "BCABB",
    "09_ten_questions": "ACBAC", "10_high_level_api": "BCCAB",
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
        f"{where}: the mark ({state['mark']}) and the explanation disagree: {state['text']!r}")
    return marked_right


def answer_with_the_mouse(page, name: str, index: int) -> None:
    """A real click (mouse down and up) on the middle of the answer's line."""
    point = page.evaluate("""([name, index]) => {
        const summary = document.querySelectorAll(`details[name="${name}"] > summary`)[index];
        summary.scrollIntoView({block: 'center'});
        const box = summary.getBoundingClientRect();
        return {x: box.left + box.width / 2, y: box.top + box.height / 2};
    }""", [name, index])
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
def test_quiz_every_answer_of_every_chapter_gives_its_feedback(built_book, edition):
    """Every answer of every question, chosen with the keyboard (English) and with the mouse
    (both editions): nothing shows before a choice, the chosen answer shows its explanation marked right or wrong (the
    mark agrees with the explanation's first word), the other answers close, and exactly the
    intended answer is marked right. Offline: a request for anything outside the book fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            outside = []
            page.on("request", lambda r: r.url.startswith("file:") or outside.append(r.url))
            for chapter in CHAPTERS:
                page.goto(page_file(built_book, edition, chapter).as_uri())
                questions = page.evaluate("""() => [...new Set([...document.querySelectorAll(
                    'details.quiz-option')].map(d => d.getAttribute('name')))]""")
                assert 4 <= len(questions) <= 6, f"{chapter}: {len(questions)} questions"
                assert len(questions) == len(QUIZ_ANSWERS[chapter]), chapter
                for name, intended in zip(questions, QUIZ_ANSWERS[chapter]):
                    before = page.evaluate(QUESTION_STATE, name)
                    letters = [state["letter"] for state in before]
                    assert letters == list("ABCD"[:len(letters)]) and len(letters) >= 3, letters
                    assert not any(s["open"] or s["shown"] for s in before), (
                        f"{chapter}, {name}: an explanation shows before any choice")
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
                            f"{chapter}, {name}: marked right {right}, intended {intended}")
                        answer_with_the_mouse(page, name, len(letters) - 1)  # close it
            assert not outside, f"requests outside the book: {outside[:5]}"
        finally:
            browser.close()
