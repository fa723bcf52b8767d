"""Running the pipeline over many articles: in order, on several processes, streaming the inputs."""

from __future__ import annotations

from eventledger.pipeline import IN_FLIGHT_PER_WORKER, ItemFailure, process_items, text_item
from eventledger.settings import Settings


def test_several_workers_keep_the_order_and_read_the_inputs_only_as_needed():
    pulled = 0

    def articles():
        nonlocal pulled
        for number in range(60):
            pulled += 1
            yield text_item(f"Gunmen killed {number + 2} villagers in Kunar province on Monday, officials said.",
                            id=f"a{number}")

    results = process_items(articles(), Settings(parse=False), workers=2)
    first = next(results)
    assert first.document.id == "a0"
    assert pulled <= 2 * IN_FLIGHT_PER_WORKER + 1  # not the whole input up front
    rest = list(results)
    assert [r.document.id for r in rest] == [f"a{n}" for n in range(1, 60)]
    assert not any(isinstance(r, ItemFailure) for r in rest)
