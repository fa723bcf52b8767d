"""Places: the gazetteer, finding place mentions in a text, and resolving them in their document.

    gazetteer.py  GeoNames (CC BY 4.0) plus shipped and user places; name keys; outlets' hosts
    words.py      vocabularies: level words, person titles, street and building words, census names
    readings.py   choosing among a name's readings; places built from others (unlocated towns, sections)
    find.py       place mentions with what the words around them say
    resolve.py    each mention's reading in its document; the dateline's places; the outlet's home
"""

from eventledger.extract.places.find import find_places, unlisted_towns
from eventledger.extract.places.gazetteer import Gazetteer, load_gazetteer, outlet_host, place_key, shipped_outlets
from eventledger.extract.places.readings import admin1_place, choose, inside, unlocated_town
from eventledger.extract.places.resolve import dateline_places, locate_places, outlet_home, resolve_in_context
from eventledger.extract.places.words import lowercase_words, person_names
from eventledger.model.mentions import Place, PlaceMention, specificity

__all__ = [
    "Gazetteer", "Place", "PlaceMention", "admin1_place", "choose", "dateline_places", "find_places", "inside",
    "load_gazetteer", "locate_places", "lowercase_words", "outlet_home", "outlet_host", "person_names", "place_key",
    "resolve_in_context", "shipped_outlets", "specificity", "unlisted_towns", "unlocated_town",
]
