"""The record of published addresses: how a new publication is compared with the last one."""

from publication.adresses import GONE, Record, compare, nginx_map, resolve


def record(adresses, redirections=None, retraits=None):
    return Record(dict(adresses), dict(redirections or {}), dict(retraits or {}))


def test_a_renamed_text_is_redirected_and_a_deleted_one_is_reported():
    before = record({"/a/": "articles/a.md", "/b/": "articles/b.md", "/": None})
    after = record({"/a-nouveau/": "articles/a.md", "/": None})
    result = compare(before, after)
    assert result.automatic == [("/a/", "/a-nouveau/", "articles/a.md")]
    assert result.vanished == [("/b/", "articles/b.md")]


def test_a_list_page_that_went_leads_to_its_parent_list():
    before = record({"/etiquettes/": None, "/etiquettes/fetes/": None})
    result = compare(before, record({"/etiquettes/": None}))
    assert result.automatic == [("/etiquettes/fetes/", "/etiquettes/", None)]
    assert result.vanished == []


def test_chains_are_followed_in_the_map_and_kept_as_written_in_the_record():
    first = compare(None, record({"/a/": "articles/a.md"})).record
    second = compare(first, record({"/b/": "articles/a.md"})).record
    third = compare(second, record({"/c/": "articles/a.md"})).record
    assert third.redirections == {"/a/": "/b/", "/b/": "/c/"}
    assert resolve(third, "/a/") == "/c/"
    assert '"/a/" "/c/";' in nginx_map(third)


def test_a_page_published_again_takes_back_its_old_addresses():
    renamed = compare(None, record({"/a/": "articles/a.md"})).record
    renamed = compare(renamed, record({"/b/": "articles/a.md"})).record  # /a/ → /b/
    withdrawn = compare(renamed, record({}, retraits={"/b/": "Retirée"})).record
    assert resolve(withdrawn, "/a/") == GONE
    again = compare(withdrawn, record({"/b/": "articles/a.md"})).record
    assert "/b/" not in again.retraits
    assert resolve(again, "/a/") == "/b/"


def test_what_is_declared_now_wins_over_the_last_record():
    withdrawn = record({}, retraits={"/vieille/": "Retirée"})
    redirected = compare(withdrawn, record({"/": None}, redirections={"/vieille/": "/"})).record
    assert redirected.retraits == {}
    assert '"/vieille/" "/";' in nginx_map(redirected)
    back = compare(redirected, record({"/": None}, retraits={"/vieille/": "Non"})).record
    assert back.redirections == {} and back.retraits == {"/vieille/": "Non"}


def test_a_loop_of_redirections_is_left_out_of_the_map():
    looped = record({}, redirections={"/a/": "/b/", "/b/": "/a/"})
    assert resolve(looped, "/a/") is None
    assert '"/a/"' not in nginx_map(looped)
