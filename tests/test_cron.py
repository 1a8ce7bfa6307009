"""cron: what the parser accepts and refuses (as cron does), and when a job runs in a zone."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from briefgen.regen import cron, crontime

T = dt.datetime
UTC = dt.timezone.utc
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def weekdays(field: str) -> list[int]:
    return sorted(cron.parse(f"0 0 * * {field}").weekdays)


@pytest.mark.parametrize(
    ("field", "days"),
    [
        ("sat-sun", [0, 6]),
        ("mon-sun", [0, 1, 2, 3, 4, 5, 6]),
        ("5-0", [0, 5, 6]),
        ("fri-0", [0, 5, 6]),
        ("7", [0]),
        ("0,7", [0]),
        ("5-7", [0, 5, 6]),
        ("SAT-Sun", [0, 6]),
        ("Mon,wED", [1, 3]),
        ("*/2", [0, 2, 4, 6]),
        ("1-7/3", [0, 1, 4]),
        ("sun-sat", [0, 1, 2, 3, 4, 5, 6]),
    ],
)
def test_day_of_week_reads_sunday_as_0_or_7_and_ranges_may_end_on_it(
    field: str, days: list[int]
) -> None:
    assert weekdays(field) == days


@pytest.mark.parametrize(
    ("expr", "minutes", "hours", "months"),
    [
        ("*/15 * * * *", (0, 15, 30, 45), tuple(range(24)), set(range(1, 13))),
        ("0-10/5 9-17/4 * JAN-mar *", (0, 5, 10), (9, 13, 17), {1, 2, 3}),
        ("1,2,10-12 0 * jul,Dec *", (1, 2, 10, 11, 12), (0,), {7, 12}),
        ("*/100 * * * *", (0,), tuple(range(24)), set(range(1, 13))),  # a step past the end
        ("07 08 * 09 *", (7,), (8,), {9}),
        ("0\t6  *\t* *", (0,), (6,), set(range(1, 13))),  # spaces and tabs
    ],
)
def test_lists_ranges_steps_and_names_select_what_cron_selects(
    expr: str, minutes: tuple[int, ...], hours: tuple[int, ...], months: set[int]
) -> None:
    parsed = cron.parse(expr)
    assert (parsed.minutes, parsed.hours, set(parsed.months)) == (minutes, hours, months)


@pytest.mark.parametrize(
    ("shortcut", "line"),
    [
        ("@hourly", "0 * * * *"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@weekly", "0 0 * * 0"),
        ("@monthly", "0 0 1 * *"),
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
    ],
)
def test_shortcuts_stand_for_their_lines(shortcut: str, line: str) -> None:
    ours, theirs = cron.parse(shortcut), cron.parse(line)
    assert (ours.minutes, ours.hours, ours.days, ours.months, ours.weekdays, ours.wild) == (
        theirs.minutes,
        theirs.hours,
        theirs.days,
        theirs.months,
        theirs.weekdays,
        theirs.wild,
    )


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("0-10/ * * * *", "minute: '0-10/' has no step after '/'"),
        ("*/ * * * *", "minute: '*/' has no step after '/'"),
        ("*/0 * * * *", "minute: the step in '*/0' is 0; a step is 1 or more"),
        ("0 */x * * *", "hour: the step 'x' in '*/x' is not a number"),
        ("5/20 * * * *", "minute: a step needs a range or '*': write 5-59/20 or */20, not 5/20"),
        ("60 * * * *", "minute: 60 is not between 0 and 59"),
        ("0 24 * * *", "hour: 24 is not between 0 and 23"),
        ("0 0 0 * *", "day of month: 0 is not between 1 and 31"),
        ("0 0 32 * *", "day of month: 32 is not between 1 and 31"),
        ("0 0 * 13 *", "month: 13 is not between 1 and 12"),
        ("0 0 * 0 *", "month: 0 is not between 1 and 12"),
        ("0 0 * * 8", "day of week: 8 is not between 0 and 7"),
        ("99999999999 * * * *", "minute: 99999999999 is not between 0 and 59"),
        ("0 6 * * 5-2", "day of week: the range 5-2 runs backwards; only a range ending on Sunday"),
        (
            "0 6 * * 5-0/2",
            "day of week: the range 5-0 runs backwards; a range ending on Sunday takes no step in cron: write 5-7/2",
        ),
        ("0 6 5-1 * *", "day of month: the range 5-1 runs backwards"),
        ("30-10 * * * *", "minute: the range 30-10 runs backwards"),
        ("5-0 * * * *", "minute: the range 5-0 runs backwards"),
        ("0 0 * dec-jan *", "month: the range dec-jan runs backwards"),
        ("٣ * * * *", "minute: '٣' is not a number; only the digits 0-9 count"),
        ("0 ３ * * *", "hour: '３' is not a number; only the digits 0-9 count"),
        ("² * * * *", "minute: '²' is not a number; only the digits 0-9 count"),
        ("0 6 * * mon-", "day of week: a number is missing"),
        ("0 6 * foo *", "month: 'foo' is not a number or a name (jan…dec)"),
        ("0 6 * * monday", "day of week: 'monday' is not a number or a name (sun…sat)"),
        ("0 6 jan * *", "day of month: 'jan' is not a number"),
        ("1,,2 * * * *", "minute: '1,,2' has an empty item"),
        ("1, * * * *", "minute: '1,' has an empty item"),
        ("*5 * * * *", "minute: '*5' is not a number"),
        ("~ * * * *", "minute: '~' (a random time, a cronie extension) is not supported"),
        ("0 6 * *", "'0 6 * *' has 4 fields; a cron expression has 5"),
        ("0 0 6 * * *", "has 6 fields; a cron expression has 5"),
        (
            "0\u00a06 * * * *",
            "minute: '0\u00a06' is not a number",
        ),  # fields part at spaces and tabs only
        ("", "the cron expression is empty"),
        ("@reboot", "@reboot runs a job when cron starts, which a schedule has no time for"),
        (
            "@DAILY",
            "'@DAILY' is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly (cron reads them in lower case)",
        ),
        ("@daily 0", "'@daily' stands for a whole line; nothing may follow it"),
        (
            "0 0 30 2 *",
            "day of month: no month in '2' has day 30, so '0 0 30 2 *' never matches a date",
        ),
    ],
)
def test_what_cron_refuses_is_refused_naming_the_field_and_why(expr: str, message: str) -> None:
    with pytest.raises(cron.CronError) as caught:
        cron.parse(expr)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_when_both_day_fields_are_restricted_either_one_matches() -> None:
    expr = cron.parse("0 0 13 * fri")  # the 13th, or any Friday
    assert expr.next_after(T(2025, 7, 1)) == T(2025, 7, 4)  # a Friday before the 13th
    assert expr.next_after(T(2025, 7, 12)) == T(2025, 7, 13)  # a Sunday, but the 13th


def test_a_day_field_starting_with_a_star_makes_both_day_fields_count() -> None:
    # cron: '*/2' is restricted, but starts with '*': an odd day that is a Monday
    expr = cron.parse("0 0 */2 * mon")
    assert expr.next_after(T(2026, 7, 1)) == T(2026, 7, 13)
    assert cron.parse("0 0 13 * */7").next_after(T(2026, 1, 1)) == T(2026, 9, 13)  # a Sunday


def test_a_rare_day_is_found_however_far_away() -> None:
    # Feb 29 that is a Sunday: six years on (Feb 29 or a Sunday in February: the next one)
    assert cron.parse("0 0 29 2 */7").next_after(T(2026, 3, 1)) == T(2032, 2, 29)
    assert cron.parse("0 0 29 2 0").next_after(T(2026, 3, 2)) == T(2027, 2, 7)


@pytest.mark.parametrize(
    ("expr", "wild"),
    [("*/15 * * * *", True), ("0 * * * *", True), ("@hourly", True), ("30 1 * * *", False)],
)
def test_a_job_is_a_wildcard_job_when_its_minute_or_hour_starts_with_a_star(
    expr: str, wild: bool
) -> None:
    assert cron.parse(expr).wild is wild


def runs(expr: str, start: T, zone: dt.tzinfo, count: int) -> list[str]:
    parsed, t, out = cron.parse(expr), start, []
    for _ in range(count):
        t = crontime.next_run(parsed, t, zone)
        out.append(t.astimezone(zone).isoformat(timespec="minutes"))
    return out


SPRING = T(2026, 3, 29, 0, 0, tzinfo=UTC)  # London: 01:00 GMT becomes 02:00 BST
AUTUMN = T(2026, 10, 24, 23, 50, tzinfo=UTC)  # London: 02:00 BST becomes 01:00 GMT


NY_SPRING = T(2026, 3, 8, 5, 0, tzinfo=UTC)  # New York: 02:00 EST becomes 03:00 EDT
NY_AUTUMN = T(2026, 11, 1, 4, 0, tzinfo=UTC)  # New York: 02:00 EDT becomes 01:00 EST
SECOND_PASS = T(2026, 10, 25, 1, 10, tzinfo=UTC)  # London, 01:10 GMT


@pytest.mark.parametrize(
    ("expr", "start", "zone", "expected"),
    [
        pytest.param(
            "30 1 * * *",
            SPRING,
            LONDON,
            ["03-29T02:00+01:00", "03-30T01:30+01:00"],
            id="a fixed time in the skipped hour runs once right after the jump",
        ),
        pytest.param(
            "0,30 1 * * *",
            SPRING,
            LONDON,
            ["03-29T02:00+01:00", "03-30T01:00+01:00"],
            id="two fixed times in the skipped hour are one run",
        ),
        pytest.param(
            "12 0-23 * * *",
            SPRING,
            LONDON,
            ["03-29T00:12+00:00", "03-29T02:00+01:00", "03-29T02:12+01:00"],
            id="an hour field of 0-23 does not start with a star: a fixed time",
        ),
        pytest.param(
            "30 2 * * *",
            NY_SPRING,
            NEW_YORK,
            ["03-08T03:00-04:00", "03-09T02:30-04:00"],
            id="New York: a fixed time in the skipped hour runs right after the jump",
        ),
        pytest.param(
            "*/20 * * * *",
            SPRING,
            LONDON,
            ["03-29T00:20+00:00", "03-29T00:40+00:00", "03-29T02:00+01:00", "03-29T02:20+01:00"],
            id="a wildcard job skips its times in the skipped hour",
        ),
        pytest.param(
            "30 * * * *",
            SPRING,
            LONDON,
            ["03-29T00:30+00:00", "03-29T02:30+01:00"],
            id="a wildcard hour skips the skipped hour's time",
        ),
        pytest.param(
            "* 1 * * *",
            SPRING,
            LONDON,
            ["03-30T01:00+01:00"],
            id="a wildcard job only in the skipped hour waits for the next day",
        ),
        pytest.param(
            "30 1 * * *",
            AUTUMN,
            LONDON,
            ["10-25T01:30+01:00", "10-26T01:30+00:00"],
            id="a fixed time in the repeated hour runs once in the first pass",
        ),
        pytest.param(
            "30 1 * * *",
            NY_AUTUMN,
            NEW_YORK,
            ["11-01T01:30-04:00", "11-02T01:30-05:00"],
            id="New York: a fixed time in the repeated hour runs once",
        ),
        pytest.param(
            "30 1 * * *",
            SECOND_PASS,
            LONDON,
            ["10-26T01:30+00:00"],
            id="started in the second pass a fixed time waits for the next day",
        ),
        pytest.param(
            "*/20 * * * *",
            AUTUMN,
            LONDON,
            [
                "10-25T01:00+01:00",
                "10-25T01:20+01:00",
                "10-25T01:40+01:00",
                "10-25T01:00+00:00",
                "10-25T01:20+00:00",
                "10-25T01:40+00:00",
                "10-25T02:00+00:00",
            ],
            id="a wildcard job runs in both passes of the repeated hour",
        ),
        pytest.param(
            "0 * * * *",
            AUTUMN,
            LONDON,
            ["10-25T01:00+01:00", "10-25T01:00+00:00", "10-25T02:00+00:00"],
            id="an hourly job runs at both one o'clocks",
        ),
    ],
)
def test_jobs_run_as_cron_runs_them_across_a_change_of_offset(
    expr: str, start: T, zone: dt.tzinfo, expected: list[str]
) -> None:
    assert runs(expr, start, zone, len(expected)) == [f"2026-{moment}" for moment in expected]


def test_times_outside_a_change_are_the_wall_clock_times_in_the_zone() -> None:
    start = T(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert runs("0 6 * * 1-5", start, LONDON, 1) == ["2026-07-02T06:00+01:00"]
    assert runs("0 6 * * 1-5", start, NEW_YORK, 1) == ["2026-07-02T06:00-04:00"]
    assert runs("0 6 * * 1-5", start, UTC, 1) == ["2026-07-02T06:00+00:00"]


# --- against an independent implementation -------------------------------------------

croniter = pytest.importorskip("croniter").croniter

MONTH_NAMES = cron.MONTHS
DAY_NAMES = cron.DAYS
SPECS = [(f.low, f.high, f.names) for f in cron.FIELDS]


def _value(rng: random.Random, index: int, v: int) -> str:
    low, _, names = SPECS[index]
    if names and v - low < len(names) and rng.random() < 0.3:
        name = names[v - low]
        return rng.choice([name, name.upper(), name.capitalize()])
    return str(v)


def _item(rng: random.Random, index: int) -> str:
    low, high, _ = SPECS[index]
    roll = rng.random()
    if roll < 0.15:
        return f"*/{rng.randint(1, high - low + 3)}"
    if roll < 0.4:
        return _value(rng, index, rng.randint(low, high))
    a = rng.randint(low, high)
    if index == 4 and a > 0 and rng.random() < 0.25:  # a range ending on Sunday
        return f"{_value(rng, index, a)}-{rng.choice(['0', 'sun', 'Sun'])}"
    body = f"{_value(rng, index, a)}-{_value(rng, index, rng.randint(a, high))}"
    return body + (f"/{rng.randint(1, high - low + 1)}" if rng.random() < 0.4 else "")


def expression(rng: random.Random) -> str:
    """Five random fields: *, numbers, names in any case, lists, ranges, steps, Sunday 0/7;
    never a day of month that none of its months has (briefgen refuses those)."""
    while True:
        fields = []
        for index, star in enumerate([0.2, 0.4, 0.5, 0.6, 0.5]):
            count = rng.choice([1, 1, 1, 2, 3])
            items = ",".join(_item(rng, index) for _ in range(count))
            fields.append("*" if rng.random() < star else items)
        line = " ".join(fields)
        try:
            cron.parse(line)
        except cron.CronError as exc:
            assert "never matches a date" in str(exc), line
            continue
        return line


def _number(text: str, index: int) -> int:
    low, _, names = SPECS[index]
    return names.index(text.lower()) + low if text.lower() in names else int(text)


def croniter_departs(expr: str, parsed: cron.Cron) -> str:
    """Why croniter reads expr otherwise than cron does ('' when it does not)."""
    fields = expr.split()
    for index, text in enumerate(fields):
        for item in text.split(","):
            first, dash, last = item.partition("/")[0].partition("-")
            if dash and first != "*":
                a, b = _number(first, index), _number(last, index)
                if a == b:
                    return "croniter reads a range a-a as the whole field ('54-54' as '*')"
                if index == 4 and a == 7:
                    return "croniter reads a day-of-week range from 7 (7-0) as every day"
    day, week = fields[2], fields[4]
    if day != "*" and week != "*":
        full = parsed.days == frozenset(range(1, 32)) or parsed.weekdays == frozenset(range(7))
        if day.startswith("*") or week.startswith("*") or full:
            # cron: a day field starting with '*' makes both count ('*/2' and 'mon': an odd
            # Monday); croniter takes either unless a field is exactly '*', and is not
            # consistent when a field lists every day
            return "croniter's day-of-month/day-of-week rule"
    return ""


def _at_a_jump(moment: T, zone: dt.tzinfo) -> bool:
    before = moment.astimezone(zone).replace(tzinfo=None) - dt.timedelta(minutes=1)
    return (
        before.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) != before
    )


def _second_pass(moment: T) -> bool:
    return moment.fold == 1 and moment.utcoffset() != moment.replace(fold=0).utcoffset()


STARTS = [
    T(2026, 1, 15, 7, 23, tzinfo=UTC),
    T(2026, 3, 28, 22, 0, tzinfo=UTC),  # before London's spring change
    T(2026, 10, 24, 22, 0, tzinfo=UTC),  # before London's autumn change
    T(2026, 11, 1, 4, 0, tzinfo=UTC),  # before New York's autumn change
]
ZONES = [UTC, LONDON, NEW_YORK]
COUNT = 6


def compare_with_croniter(expressions: int, seed: int) -> dict[str, int]:
    """Next fire times from several starts in several zones, ours against croniter's."""
    rng = random.Random(seed)
    seen = {"compared": 0, "skipped": 0}
    for _ in range(expressions):
        expr = expression(rng)
        parsed = cron.parse(expr)
        if croniter_departs(expr, parsed):
            seen["skipped"] += 1
            continue
        for zone in ZONES:
            for start in STARTS:
                ours, t = [], start
                for _ in range(COUNT):
                    t = crontime.next_run(parsed, t, zone)
                    ours.append(t)
                theirs: list[T] = []
                it = croniter(expr, start.astimezone(zone))
                while len(theirs) < COUNT:
                    moment = it.get_next(T)
                    # croniter runs a fixed-time job in both passes of a repeated hour;
                    # cron in the first only
                    if not (not parsed.wild and _second_pass(moment)):
                        theirs.append(moment.astimezone(UTC))
                # at a jump forward croniter runs wildcard jobs whose times were skipped and
                # misses some fixed-time ones (hour 0-23); cron does the opposite: the
                # tests above check what happens there
                ours_kept = [m for m in ours if not _at_a_jump(m, zone)]
                theirs_kept = [m for m in theirs if not _at_a_jump(m, zone)]
                size = min(len(ours_kept), len(theirs_kept))
                assert size >= COUNT - 2
                assert ours_kept[:size] == theirs_kept[:size], (expr, str(zone), start)
                seen["compared"] += 1
    return seen


def test_fire_times_agree_with_croniter_over_a_sample_of_expressions() -> None:
    seen = compare_with_croniter(100, seed=2026)
    assert seen["compared"] > 700


@pytest.mark.slow
def test_fire_times_agree_with_croniter_over_thousands_of_expressions() -> None:
    seen = compare_with_croniter(3000, seed=13)
    assert seen["compared"] > 20_000


def test_the_expression_grammar_makes_expressions_cron_accepts() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        expr = expression(rng)
        assert cron.parse(expr).text == expr
