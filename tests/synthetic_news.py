"""A generated news corpus with known stories, for story recovery and scale (not real text).

Each story is one event of a common type (flood, strike, closure, vote, ...) with its own
people, place, organisation and figures; several outlets retell it in their own words on nearby
days. Many stories share a type and the days they happen on, so unrelated articles about the same
broad topic are plentiful (the trap for precision); each outlet has a few reporters whose bylines
and datelines recur across its stories (the trap of outlet-specific words).
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

_SYLLABLES = ("bar ben cal dor el fen gar hal is jor kel lan mor nel or pen quin ros sal tor ul "
              "ven wil yor zan ash bro cra del fal gri hol kin lor mar nor pre rad sto tre").split()
_FIRST = ("Ana Bo Carla Dev Elena Frank Grace Hiro Ines Jon Kemi Luis Mara Nils Omar Pia Raj Sara "
          "Tom Uma Vera Wes Yuki Zoe").split()

TYPES = {
    "flood": (["The {river} River crested at {n1} feet in {place} after heavy rain, forcing {n2} people from their homes.",
               "Rescue crews pulled {n3} residents from flooded streets, fire chief {person} said.",
               "\"{quote}\" {person} said of the night.",
               "The {org} reported {n4} customers without power.",
               "Shelters opened at {place} High School and the {river} bridge was closed.",
               "Officials said the water would recede slowly over the next days."],
              "water river rain flood shelter evacuated crews levels homes storm"),
    "strike": (["Nurses at {org} walked off the job on {weekday}, the union said, after talks over staffing broke down.",
                "About {n2} nurses joined the strike at the {place} hospital, union leader {person} said.",
                "\"{quote}\" {person} told reporters outside the hospital.",
                "The hospital said it had hired {n3} replacement workers and kept its emergency room open.",
                "The union is seeking a {n1} percent raise over three years; management offered {n4} percent.",
                "No new talks were scheduled."],
               "nurses union strike hospital staffing contract talks patients pay workers"),
    "closure": (["{org} will close its {place} plant by spring, cutting {n2} jobs, the company said on {weekday}.",
                 "Chief executive {person} blamed rising costs and weak demand for the decision.",
                 "\"{quote}\" {person} said in a statement.",
                 "The plant has operated in {place} for {n3} years and is the town's largest employer.",
                 "Local officials estimated the loss at ${n1} million a year in wages.",
                 "Workers will receive severance and job-placement help, the company said."],
                "plant jobs company workers closure town employer costs wages factory"),
    "vote": (["The {place} school board voted {n5} on {weekday} to close {n3} elementary schools.",
              "Board president {person} said falling enrollment left the district with {n2} empty seats.",
              "\"{quote}\" {person} said before the vote.",
              "Parents packed the meeting at the {org} and many spoke against the plan.",
              "The closures will save about ${n1} million a year, district staff estimated.",
              "Students will move to nearby schools next fall."],
             "school board vote parents district students enrollment closures meeting schools"),
    "fire": (["A wildfire near {place} forced the evacuation of {n2} homes on {weekday}, fire officials said.",
              "The blaze had burned {n4} acres by evening and was {n3} percent contained, {person} said.",
              "\"{quote}\" {person} said at a briefing.",
              "Crews from the {org} and neighboring counties fought the fire from the air and ground.",
              "Winds of up to {n1} miles per hour pushed the flames toward the ridge.",
              "No injuries were reported."],
             "fire wildfire crews blaze acres evacuation winds homes flames firefighters"),
    "merger": (["{org} agreed to buy a rival lender in a deal valued at ${n1} million, the banks said on {weekday}.",
                "The combined bank would have {n2} branches and about ${n3} billion in assets, {person} said.",
                "\"{quote}\" {person} said on a call with analysts.",
                "The deal needs approval from regulators and shareholders.",
                "The banks said {n4} jobs could be cut at overlapping branches in {place}.",
                "Shares of both lenders rose in early trading."],
               "bank deal lender banks branches regulators shareholders assets merger shares"),
    "court": (["A judge in {place} blocked the {org} project on {weekday}, ruling the county had not given proper notice.",
               "Judge {person} ordered a new hearing within {n3} days.",
               "\"{quote}\" {person} wrote in the ruling.",
               "Residents had sued over the rezoning of {n4} acres near the river.",
               "The developer said it had already spent ${n1} million and would appeal.",
               "County officials declined to comment."],
              "judge court ruling county project rezoning appeal hearing residents lawsuit"),
    "fare": (["The {org} voted on {weekday} to raise bus fares by {n3} cents starting next month.",
              "A monthly pass will rise to ${n4}, board chair {person} said.",
              "\"{quote}\" {person} said after the vote.",
              "Riders in {place} said the increase would hurt commuters on low incomes.",
              "The authority faces a ${n1} million budget gap and carried {n2} riders a day last year.",
              "Service cuts were ruled out for now."],
             "fare bus riders transit authority increase pass board commuters budget"),
}
QUOTES = ["We have never seen anything like this", "This is a hard day for everyone here",
          "We will keep working until it is done", "People deserve better than this",
          "Nobody wanted it to end this way", "We are doing everything we can",
          "It came faster than anyone expected", "This is not the end of the story"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _name(rng, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES, size=parts)).capitalize()


def _story(rng, kind: str) -> dict:
    return {"kind": kind, "place": _name(rng, 2) + rng.choice(["ton", "ville", " Falls", "wood", " Bay"]),
            "river": _name(rng, 2), "org": _name(rng, 2) + " " + rng.choice(["Corp.", "Group", "Authority", "Health", "Partners"]),
            "person": f"{rng.choice(_FIRST)} {_name(rng, 2)}",
            "n1": f"{rng.integers(10, 99)}.{rng.integers(1, 9)}", "n2": str(rng.integers(120, 9000)),
            "n3": str(rng.integers(11, 95)), "n4": str(rng.integers(1000, 99000)),
            "n5": f"{rng.integers(4, 7)}-{rng.integers(1, 3)}", "quote": str(rng.choice(QUOTES))}


def _article(rng, story: dict, outlet: str, reporter: str) -> tuple[str, str]:
    sentences, topic = TYPES[story["kind"]]
    fill = {**story, "weekday": rng.choice(WEEKDAYS)}
    picked = [s.format(**fill) for s in sentences if rng.random() < 0.8] or [sentences[0].format(**fill)]
    order = [picked[0]] + list(rng.permutation(picked[1:])) if len(picked) > 1 else picked
    filler = ", ".join(rng.choice(topic.split(), size=3, replace=False))
    order.append(f"The {filler} remained the main concerns on {fill['weekday']}, {outlet} was told.")
    title = f"{story['place']}: {sentences[0].split(',')[0].format(**fill)[:60]}"
    body = "\n\n".join(order)
    return title, f"{title}\n\nBy {reporter}\n\n{story['place'].upper()} ({outlet}) - {body}\n"


def generate(n_articles: int = 10_000, n_outlets: int = 20, seed: int = 13,
             start: str = "2024-01-01", days: int = 365) -> list[dict]:
    """Rows (id, outlet, date, story, title, text) of a corpus of about ``n_articles`` articles."""
    rng = np.random.default_rng(seed)
    outlets = [f"{_name(rng, 2)} {rng.choice(['Times', 'Post', 'Wire', 'Herald', 'Daily', 'News'])}" for _ in range(n_outlets)]
    reporters = {o: [f"{rng.choice(_FIRST)} {_name(rng, 2)}" for _ in range(3)] for o in outlets}
    first_day = dt.date.fromisoformat(start)
    rows: list[dict] = []
    number = 0
    while len(rows) < n_articles:
        story = _story(rng, str(rng.choice(list(TYPES))))
        day = first_day + dt.timedelta(days=int(rng.integers(0, days)))
        k = int(min(n_outlets, max(1, rng.poisson(4))))
        number += 1
        for outlet in rng.choice(outlets, size=k, replace=False):
            title, text = _article(rng, story, outlet, str(rng.choice(reporters[outlet])))
            date = day + dt.timedelta(days=int(rng.integers(0, 2)))
            rows.append({"id": f"a{len(rows):05d}", "outlet": outlet, "date": date.isoformat(),
                         "story": f"story{number:05d}", "title": title, "text": text})
    return rows[:n_articles]


def write_csv(rows: list[dict], path: Path, *, with_story: bool = False) -> Path:
    """The rows as a one-table corpus (the story column only if asked: it is the answer)."""
    columns = ["id", "outlet", "date", "title", "text"] + (["story"] if with_story else [])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
