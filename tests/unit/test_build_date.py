"""The build's date: today, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
import datetime as dt

from trmkb.model import build_date, is_stale


def test_source_date_epoch_sets_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")       # 2023-11-14 22:13 UTC
    assert build_date() == dt.date(2023, 11, 14)
    assert not is_stale({"last_reviewed": "2023-06-01"})        # stale is judged on the build's date


def test_without_it_the_build_date_is_today(monkeypatch):
    for value in (None, "", "not a number"):
        if value is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        assert build_date() == dt.date.today()
