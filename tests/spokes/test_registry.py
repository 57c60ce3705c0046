"""The hub picks an adapter by network name."""

import subprocess
import sys
from pathlib import Path

import pytest

import spokes
from spokes.facebook import FacebookSpoke
from spokes.mastodon import MastodonSpoke
from spokes.twitter import XSpoke


def test_each_network_name_maps_to_its_adapter():
    assert spokes.get("facebook") is FacebookSpoke
    assert spokes.get("x") is XSpoke
    assert spokes.get("mastodon") is MastodonSpoke


def test_adapter_names_match_their_registry_keys():
    assert all(adapter.name == name for name, adapter in spokes.REGISTRY.items())


def test_an_unknown_network_names_the_known_ones():
    with pytest.raises(KeyError, match="facebook, mastodon, x"):
        spokes.get("myspace")


def test_spokes_import_nothing_from_the_hub_or_flask():
    # A fresh interpreter: the test process itself may have loaded the hub for other tests.
    check = (
        "import sys, spokes; "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('hub', 'flask')]"
    )
    project_root = Path(__file__).resolve().parents[2]

    subprocess.run([sys.executable, "-c", check], cwd=project_root, check=True)
