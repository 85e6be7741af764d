"""The in-page demos of the built book (book/web/course_demos.js), driven in headless Chromium the
way a reader would: every control of the softmax demo is moved, MNIST test images go through the
entry point the drawing pad uses, and digits are drawn on the pad with the mouse.
"""

import base64
import json
import re

import numpy as np
import pytest

from book_pages import (
    ARTIFACTS,
    EDITIONS,
    ROOT,
    book_tab,
    page_file,
)

pytestmark = pytest.mark.browser


# The ipywidgets demos of the notebooks that the book shows as a static figure of the settings
# that matter (no kernel there); the others are computed in the page (book_pages.IN_THE_PAGE).
STATIC_IN_THE_BOOK = {
    "05_optimizers": "optimizer paths on a 2-D loss: 4 optimizers at "
    "learning rates 0.1, 0.4 and 0.55"
}
WEIGHTS = ROOT / "book" / "web" / "digit_cnn_weights.js"


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
