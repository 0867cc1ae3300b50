"""The timeline's geometry: the axis suits the time shown, and no text prints over other text."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from briefing.render.figures import Span, Timeline, label_width, timeline

UTC = dt.timezone.utc
WORD = "announced"   # what the template appends to an announced item's sublabel


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def words(moment: dt.datetime, unit: str) -> str:
    """A tick label as a view might word it (the real one uses Babel)."""
    return moment.strftime({"hour": "%H:%M", "day": "%-d %b", "month": "%Y-%m", "year": "%Y"}[unit])


# Text extents, as the template sets them: a 10 px bold label (12 px line, baseline 10 px down)
# over a 9 px sublabel (11 px line), middle-anchored 9 px tick labels. Widths are the module's
# own measure: these tests check the placement against it (test_text_widths checks the measure).
def label_box(mark) -> tuple[float, float, float, float]:
    sub = f"{mark.sublabel} ({WORD})" if mark.announced else mark.sublabel
    size = label_width(mark.label, sub)
    assert mark.width == pytest.approx(size, abs=0.1)
    x0 = mark.label_x - size if mark.anchor == "end" else mark.label_x
    return x0, mark.label_y - 10, x0 + size, mark.label_y + 14


def tick_box(figure: Timeline, tick) -> tuple[float, float, float, float]:
    half = tick.width / 2
    return tick.label_x - half, figure.tick_label_y - 9, tick.label_x + half, figure.tick_label_y + 2


def meet(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_ticks_apart(figure: Timeline) -> None:
    boxes = [tick_box(figure, t) for t in figure.ticks]
    for a, b in itertools.pairwise(boxes):
        assert a[2] < b[0], f"tick labels overlap: {a} {b}"
    assert all(0 <= box[0] and box[2] <= figure.width for box in boxes)


def assert_no_text_collides(figure: Timeline) -> None:
    labels = [(m, label_box(m)) for m in figure.marks if m.label]
    ticks = [tick_box(figure, t) for t in figure.ticks]
    for i, (mark, box) in enumerate(labels):
        assert 0 <= box[0] and box[2] <= figure.width, f"{mark.label!r} runs off the figure"
        assert not any(meet(box, other) for _, other in labels[i + 1:]), f"{mark.label!r} overlaps a label"
        assert not any(meet(box, tick) for tick in ticks), f"{mark.label!r} overlaps a tick label"
        # Its stem (a vertical line from the axis to the label) crosses no other text.
        low, high = sorted((figure.axis_y, mark.stem_end))
        stem = (mark.x - 0.5, low, mark.x + 0.5, high)
        assert not any(meet(stem, other) for m, other in labels if m is not mark), f"{mark.label!r}'s stem"
        if mark.label_y > figure.axis_y:
            assert not any(meet(stem, tick) for tick in ticks), f"{mark.label!r}'s stem crosses a tick label"


def test_nothing_to_draw():
    assert timeline([], words) is None


def test_three_days_of_a_fire_on_a_day_axis_with_the_fire_as_a_bar():
    figure = timeline([
        Span(at(2023, 3, 1, 14), at(2023, 3, 4), "Fire", "1–3 March"),
        Span(at(2023, 3, 2, 6), None, "Evacuation", "2 March, 06:00"),
        Span(at(2023, 3, 3, 9), None, "Rain", "3 March, 09:00", announced=True),
    ], words)
    assert figure.unit == "day"
    # Shown: 1 Mar 14:00 to 4 Mar 00:00 (58 h), padded by 5 % (2.9 h) each side, so the axis
    # runs from 1 Mar 11:06 to 4 Mar 02:54 and holds three midnights.
    assert [t.label for t in figure.ticks] == ["2 Mar", "3 Mar", "4 Mar"]
    # 2 Mar 00:00 is 12.9 h into the 63.8 h axis, which runs from x 24 to 616.
    assert figure.ticks[0].x == pytest.approx(24 + 592 * 12.9 / 63.8, abs=0.1)
    fire, evacuation, rain = figure.marks
    assert (fire.bar, evacuation.bar, rain.bar) == (True, False, False)
    assert fire.x == pytest.approx(24 + 592 * 2.9 / 63.8, abs=0.1)
    assert fire.x_end == pytest.approx(616 - 592 * 2.9 / 63.8, abs=0.1)
    assert evacuation.x_end == evacuation.x
    assert [m.label for m in figure.marks] == ["Fire", "Evacuation", "Rain"]
    assert rain.announced and not fire.announced
    assert figure.unlabelled == 0
    assert_no_text_collides(figure)


def test_decades_apart_on_a_year_axis_with_few_ticks():
    figure = timeline([
        Span(at(1950, 6, 25), at(1953, 7, 27), "First", "1950–1953"),
        Span(at(2018, 4, 27), None, "Second", "27 April 2018"),
    ], words)
    assert figure.unit == "year"
    # 1950-06 to 2018-04 padded to about 1947-02 to 2021-09: 7.9 px a year, so five years
    # (40 px) is too close and ten years it is.
    assert [t.label for t in figure.ticks] == ["1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
    assert len(figure.ticks) <= 12
    assert_ticks_apart(figure)
    first, second = figure.marks
    assert first.bar and not second.bar
    assert first.x_end - first.x == pytest.approx(592 * 3.09 / 74.6, abs=1)   # about 3.1 years
    assert_no_text_collides(figure)


def test_centuries_count_in_fifty_years():
    figure = timeline([Span(at(1592, 5, 23), at(1598, 12, 16), "Old", "1592–1598", vague=True),
                       Span(at(2018, 4, 27), None, "New", "2018")], words)
    # 426 years padded to 468 on 592 px: 1.26 px a year, so 50 years (63 px) is the step.
    assert figure.unit == "year"
    assert [t.label for t in figure.ticks] == [str(y) for y in range(1600, 2001, 50)]
    assert figure.marks[0].vague and figure.marks[0].bar
    assert_ticks_apart(figure)


def test_months_tick_on_the_first_of_months_a_quarter_apart():
    figure = timeline([Span(at(2020, 1, 15), None, "A", "15 January 2020"),
                       Span(at(2022, 6, 1), None, "B", "1 June 2022")], words)
    assert figure.unit == "month"
    # 868 days padded to 955 on 592 px: a month is 19 px, two are 38 (under 48 px), three are 57.
    assert [t.label for t in figure.ticks] == [
        "2020-01", "2020-04", "2020-07", "2020-10", "2021-01", "2021-04", "2021-07", "2021-10",
        "2022-01", "2022-04", "2022-07"]
    assert_ticks_apart(figure)


def test_wider_tick_labels_take_a_longer_step():
    def korean(moment, unit):
        assert unit == "month"
        return f"{moment.year}년 {moment.month}월"

    figure = timeline([Span(at(2020, 1, 15), None, "A", ""), Span(at(2022, 6, 1), None, "B", "")], korean)
    # Same axis as above, but "2020년 1월" is about 53 px wide: with 12 px of air, three months
    # (57 px) no longer hold it; the next step offered is six months (quarters, then halves).
    assert [t.label for t in figure.ticks] == ["2020년 1월", "2020년 7월", "2021년 1월", "2021년 7월",
                                               "2022년 1월", "2022년 7월"]
    assert_ticks_apart(figure)


def test_one_day_on_an_hour_axis_with_whole_hour_ticks():
    moments = []

    def recording(moment, unit):
        moments.append((moment, unit))
        return words(moment, unit)

    figure = timeline([
        Span(at(2023, 5, 4, 6, 30), None, "Early", "06:30"),
        Span(at(2023, 5, 4, 9), at(2023, 5, 4, 13), "Long", "09:00–13:00"),
        Span(at(2023, 5, 4, 21, 15), None, "Late", "21:15"),
    ], recording)
    assert figure.unit == "hour"
    # 14.75 h padded to 16.2 h on 592 px: an hour is 36.5 px (under 48), two hours are 73.
    assert [t.label for t in figure.ticks] == ["06:00", "08:00", "10:00", "12:00", "14:00", "16:00",
                                               "18:00", "20:00"]
    assert all(m.minute == 0 and m.second == 0 and m.tzinfo is not None for m, u in moments if u == "hour")
    assert [m.bar for m in figure.marks] == [False, True, False]
    assert_ticks_apart(figure)


def test_one_instant_gets_a_day_either_side():
    figure = timeline([Span(at(2023, 5, 4), None, "Alone", "4 May 2023")], words)
    assert figure.unit == "day"
    assert [t.label for t in figure.ticks] == ["3 May", "4 May", "5 May"]
    (mark,) = figure.marks
    assert figure.left < figure.ticks[0].x < mark.x < figure.ticks[-1].x < figure.right
    assert mark.x == pytest.approx((figure.left + figure.right) / 2)
    assert not mark.bar and mark.label == "Alone"


def test_a_bar_needs_six_pixels_and_close_items_step_away_from_the_axis():
    ten = at(2023, 5, 4, 10)
    figure = timeline([Span(ten, ten + dt.timedelta(minutes=1), "One minute", "10:00–10:01"),
                       Span(ten + dt.timedelta(minutes=10), ten + dt.timedelta(minutes=15), "Five", "10:10–10:15")]
                      + [Span(ten + dt.timedelta(minutes=10 * i), None, f"Item number {i}", "") for i in range(2, 6)],
                      words)
    # 50 minutes widened to two hours, padded to 132 minutes on 592 px: 4.5 px a minute.
    assert figure.unit == "hour"
    assert [m.bar for m in figure.marks] == [False, True, False, False, False, False]
    assert figure.marks[1].x_end - figure.marks[1].x == pytest.approx(592 * 5 / 132, abs=0.2)
    # Six labels within 50 minutes (225 px) each need about 60 px: they take several rows.
    assert figure.unlabelled == 0
    assert len({m.label_y for m in figure.marks}) >= 3
    assert_no_text_collides(figure)


@pytest.mark.parametrize("name", ["Visit number {}", "제{}차 방문 일정"])
def test_a_crowded_axis_marks_every_item_and_labels_only_what_fits(name):
    first = at(2023, 1, 1)
    spans = [Span(first + dt.timedelta(days=i), None, name.format(i), f"day {i}", announced=i % 7 == 0,
                  target=f"item-{i}") for i in range(300)]
    figure = timeline(spans, words)
    assert len(figure.marks) == 300                     # every item keeps its mark
    labelled = [m for m in figure.marks if m.label]
    assert 0 < len(labelled) < 300
    assert figure.unlabelled == 300 - len(labelled)
    assert [m.target for m in figure.marks] == [f"item-{i}" for i in range(300)]
    assert all(m.label_y == figure.axis_y for m in figure.marks if not m.label)
    assert_ticks_apart(figure)
    assert_no_text_collides(figure)
    assert figure.height >= max(label_box(m)[3] for m in labelled)
    assert min(label_box(m)[1] for m in labelled) >= 0


def test_a_label_at_the_right_edge_hangs_left_of_its_mark():
    figure = timeline([Span(at(2023, 1, 1), None, "Start", "1 January"),
                       Span(at(2023, 2, 1), None, "A rather long label at the very end", "1 February",
                            announced=True)], words)
    last = figure.marks[-1]
    assert last.anchor == "end" and last.label_x == last.x
    x0, _, x1, _ = label_box(last)
    assert 0 <= x0 and x1 <= figure.width
    assert figure.marks[0].anchor == "start"


def test_a_label_longer_than_the_room_is_shortened_and_kept_on_the_figure():
    figure = timeline([Span(at(2023, 1, 1), None, "word " * 40, "1 January")], words, width=300)
    (mark,) = figure.marks
    assert mark.label.endswith("…") and len(mark.label) < 200
    x0, _, x1, _ = label_box(mark)
    assert 0 <= x0 and x1 <= 300


def test_times_must_carry_a_zone_and_run_forwards():
    with pytest.raises(ValueError):
        timeline([Span(dt.datetime(2023, 1, 1), None, "Naive", "")], words)
    with pytest.raises(ValueError):
        timeline([Span(at(2023, 1, 2), at(2023, 1, 1), "Backwards", "")], words)


@pytest.mark.parametrize("text, room", [("Evacuation of the Ribeira quarter", 80.0), ("보스토치니 우주기지 방문", 50.0),
                                        ("محادثات الدوحة الطويلة جدا", 40.0), ("short", 200.0)])
def test_a_shortened_label_is_the_longest_prefix_that_fits(text, room):
    from briefing.render.measure import shorten, text_width

    shown = shorten(text, room, 9)
    if shown == text:
        assert text_width(text, 9) <= room
        return
    kept = shown[:-1]
    assert shown.endswith("…") and text.startswith(kept)
    assert text_width(shown, 9) <= room  # it fits with its ellipsis
    longer = text[:len(kept) + 1] if len(kept) < len(text) else None
    while longer and longer != longer.rstrip():  # a space kept would be stripped: look past it
        longer = text[:len(longer) + 1] if len(longer) < len(text) else None
    assert longer is None or text_width(longer.rstrip() + "…", 9) > room  # one more character would not
