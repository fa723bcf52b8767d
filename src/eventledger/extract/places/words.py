"""Place vocabularies: words that mark a level, a person, a street; ordinary words; census names."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

KIND_WORDS = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "state": "admin1",
    "district": "admin2", "districts": "admin2", "county": "admin2", "counties": "admin2", "states": "admin1",
    "city": "city", "village": "city", "town": "city",
}
NOT_PLACES = {"the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "he", "she", "it", "they", "we",
              "this", "that", "these", "those", "there", "u.s.", "us", "un", "mrs", "mr", "president",
              "police", "said", "after", "before", "during", "following", "according", "despite", "like",
              "with", "all", "no", "both", "also", "however", "today", "yesterday", "local", "news",
              "press", "release", "download", "immediate", "update", "operational", "morning", "evening",
              "joint", "command", "force", "forces", "security", "coalition", "afghan", "national", "army",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "may", "march",
              "june", "july", "august", "april", "january", "february", "september", "october",
              "november", "december", "isaf", "taliban", "leader", "people", "union", "liberty", "reading",
              "victoria", "mobile", "independence", "justice", "deal", "chase", "sale", "best", "god", "lord", "jesus",
              "christ", "allah", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "am", "pm"}
CONNECTORS = {"al", "el", "e", "de", "del", "di", "da", "do", "du", "dos", "das", "des", "bin", "ibn", "abu"}
# Words before a name that make it a person's: `Officer Graham`, `Sgt. Martin`, `Mrs. Washington`.
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "officer", "sgt", "sergeant", "lt", "capt", "captain", "chief", "sheriff",
                 "deputy", "detective", "det", "judge", "mayor", "gov", "governor", "sen", "senator", "rep",
                 "trooper", "cpl", "corporal", "gen", "general", "col", "colonel", "maj", "major", "pvt", "president",
                 "prosecutor", "attorney", "coach", "rev", "reverend", "pastor", "father", "brother", "sister"}
# A name followed by one of these is a street or a building named after a place (`Alameda Road`,
# `the 300 block of Madrid`, `St. Louis Children's Hospital`), not the place.
# The last word of a street's name: a name ending so is a place, never a person or an organisation.
ROAD_WORDS = {"road", "avenue", "street", "drive", "parkway", "boulevard", "lane", "highway", "terrace", "trail",
              "pike", "expressway", "freeway"}
STREET_AND_BUILDING_WORDS = {
    "road", "avenue", "street", "drive", "parkway", "boulevard", "lane", "way", "court", "highway", "place", "circle",
    "terrace", "trail", "pike", "plaza", "bridge", "hospital", "school", "academy", "college", "jail", "mall", "hotel",
    "church", "apartments", "park", "hill", "hills", "woods", "wood", "field", "fields", "mills", "falls", "springs",
    "heights", "gardens", "homes", "towers", "manor", "estates", "courts", "complex"}
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeast", "northwest", "southeast", "southwest", "capital", "federal", "university", "mission",
                 "center", "centre", "metro", "midwest", "county", "city", "district", "province", "state",
                 "region", "valley", "river", "lake", "mountain", "park", "island", "beach", "hills", "village"}


@lru_cache(maxsize=1)
def lowercase_words() -> frozenset[str]:
    """Words English usually writes in lower case (shipped list built from UD English EWT)."""
    text = resources.files("eventledger.data").joinpath("lowercase-words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """Common given names and surnames (US Census 1990, shipped by the `names` package), lower case: those
    borne by at least 1 in 10,000 people (given) or 1 in 100,000 (surnames), which leaves out rare entries
    that are English words (`In`, `An`)."""
    def read(files: tuple[str, ...], min_percent: float) -> frozenset[str]:
        data = resources.files("names")
        out = set()
        for f in files:
            for line in data.joinpath(f).read_text(encoding="utf-8").splitlines():
                fields = line.split()
                if len(fields) < 2:
                    continue
                if float(fields[1]) < min_percent:
                    break  # the lists run from the commonest name down: the rest are rarer still
                out.add(fields[0].lower())
        return frozenset(out - NOT_PLACES)
    return read(("dist.male.first", "dist.female.first"), 0.01), read(("dist.all.last",), 0.001)
