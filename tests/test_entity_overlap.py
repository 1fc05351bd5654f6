"""Overlapping lookup matches of different entity types: the longest wins."""

from rasa.shared.nlu.training_data.message import Message

from bot.components.entity_overlap import OverlappingEntityFilter, longest_non_overlapping


def entity(kind, value, start, end):
    return {"entity": kind, "value": value, "start": start, "end": end}


def test_the_gemeente_wins_over_region_aliases_inside_it():
    # "bij ons op Goeree-Overflakkee": gemeente 12-30, region "Goeree" 12-18, "Overflakkee" 19-30
    found = [entity("region", "goeree_overflakkee", 12, 18), entity("gemeente", "goeree_overflakkee", 12, 30),
             entity("region", "goeree_overflakkee", 19, 30)]
    assert longest_non_overlapping(found) == [entity("gemeente", "goeree_overflakkee", 12, 30)]


def test_separate_entities_are_all_kept_in_text_order():
    found = [entity("gemeente", "heemstede", 30, 39), entity("role", "leerplichtambtenaar", 10, 29)]
    assert [e["entity"] for e in longest_non_overlapping(found)] == ["role", "gemeente"]


def test_entities_from_button_payloads_without_positions_are_kept():
    found = [{"entity": "concern", "value": "veiligheid"}, entity("role", "jgz", 0, 9)]
    assert {"entity": "concern", "value": "veiligheid"} in longest_non_overlapping(found)


def test_component_filters_message_entities():
    message = Message(data={"text": "regio Utrecht", "entities": [
        entity("region", "utrecht", 0, 13), entity("gemeente", "utrecht", 6, 13)]})
    OverlappingEntityFilter({}).process([message])
    assert message.get("entities") == [entity("region", "utrecht", 0, 13)]
