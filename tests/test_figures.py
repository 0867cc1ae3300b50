"""The timeline's geometry: labels never print over each other, however crowded the axis."""

from __future__ import annotations

import datetime as dt

from briefing.model import Event
from briefing.render.figures import _CHAR, timeline


def events(count: int) -> list[Event]:
    first = dt.date(2023, 1, 1)
    return [Event(id=f"e{i}", kind="visit", name={"en": f"Visit number {i}"}, credibility=2,
                  sources=["s"], date=(first + dt.timedelta(days=i)).isoformat()) for i in range(count)]


def draw(items):
    return timeline(items, lambda e: e.name["en"], lambda e: e.date, lambda d: str(d.year))


def label_boxes(figure):
    boxes = []
    for mark in figure.marks:
        if not mark.label:
            continue
        span = max(len(mark.label), len(mark.sublabel) * 0.9) * _CHAR + 6
        x0 = mark.label_x - span if mark.anchor == "end" else mark.label_x
        boxes.append((mark.label_y, x0, x0 + span))
    return boxes


def test_few_events_are_all_labelled():
    figure = draw(events(3))
    assert [m.label for m in figure.marks] == ["Visit number 0", "Visit number 1", "Visit number 2"]
    assert figure.unlabelled == 0


def test_a_crowded_axis_marks_every_event_and_labels_only_what_fits():
    figure = draw(events(300))            # 300 consecutive days on a 640-px axis
    assert len(figure.marks) == 300       # every event keeps its dot
    labelled = [m for m in figure.marks if m.label]
    assert 0 < len(labelled) < 300
    assert figure.unlabelled == 300 - len(labelled)
    boxes = label_boxes(figure)
    for i, (y, a0, a1) in enumerate(boxes):  # no two labels on one row overlap
        for y2, b0, b1 in boxes[i + 1:]:
            assert y != y2 or a1 < b0 or b1 < a0
