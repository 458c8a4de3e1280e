"""The SVG geometry of the bar charts."""

from stats.charts import LABEL_WIDTH, PALETTE, VALUE_WIDTH, WIDTH, Bar, Chart, layout

PLOT = WIDTH - LABEL_WIDTH - VALUE_WIDTH


def test_the_longest_bar_fills_the_plot_and_the_others_are_in_proportion():
    chart = Chart(series=["n"], bars=[Bar("a", [10], "10"), Bar("b", [5], "5"), Bar("c", [0], "0")])
    rows = layout(chart).rows
    assert [sum(s["width"] for s in row["segments"]) for row in rows] == [PLOT, PLOT / 2, 0]
    assert rows[2]["segments"] == []  # nothing drawn for a zero
    assert rows[0]["text_x"] > rows[1]["text_x"] > rows[2]["text_x"]
    assert rows[1]["y"] > rows[0]["y"]


def test_shares_are_drawn_against_a_hundred():
    rows = layout(Chart(series=["%"], bars=[Bar("a", [50.0], "50 %")], maximum=100)).rows
    assert rows[0]["segments"][0]["width"] == PLOT / 2


def test_stacked_segments_follow_each_other_with_a_pattern_per_series():
    chart = Chart(series=["x", "y", "z"], bars=[Bar("a", [1, 0, 3], "4")])
    result = layout(chart)
    first, second = result.rows[0]["segments"]
    assert second["x"] == first["x"] + first["width"]
    assert [first["pattern"], second["pattern"]] == [0, 2]
    assert [item["name"] for item in result.legend] == ["x", "y", "z"]
    assert len(result.patterns) == 3


def test_one_series_needs_no_legend_and_an_empty_chart_does_not_divide_by_zero():
    assert layout(Chart(series=["n"], bars=[Bar("a", [3], "3")])).legend == []
    assert layout(Chart(series=["n"], bars=[Bar("a", [0], "0")])).rows[0]["segments"] == []


def test_more_series_than_colours_reuse_the_palette_and_legends_wrap():
    names = [f"series number {i}" for i in range(len(PALETTE) + 2)]
    result = layout(Chart(series=names, bars=[Bar("a", [1] * len(names), "9")]))
    assert result.rows[0]["segments"][-1]["pattern"] == 1
    assert len({item["y"] for item in result.legend}) > 1
    assert all(item["x"] + 30 < WIDTH for item in result.legend)


def test_long_labels_are_cut_with_an_ellipsis_and_kept_whole_for_the_tooltip():
    label = "Västra Götalands läns landsting och regionförbund"
    row = layout(Chart(series=["n"], bars=[Bar(label, [1], "1")])).rows[0]
    assert row["label"].endswith("…")
    assert len(row["label"]) < len(label)
    assert row["full_label"] == label
