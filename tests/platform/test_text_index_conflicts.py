"""Two case files indexed at the same time share common words: their
commits must merge, not conflict on the bucket holding those words."""

from imio.municipal.platform.conflicts import textindex
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from ZODB.DB import DB
from ZODB.FileStorage import FileStorage

import pytest
import transaction


COMMON = "extension habitation rue haute namur dupont 2026 pu"
# Word ids: each process numbers its new words from a random start; here the
# setup's words sit in the middle and each writer's new words at one end, in
# buckets of their own, as two processes' new words are in a large index.
SETUP_WIDS, WRITERS_WIDS = 0x100000, (0x5000, 0x1000000)


def own_words(docid: int) -> str:
    """Words of one document only (enough of them to fill many buckets)."""
    return f"dossier {docid} " + " ".join(f"w{docid}x{n}" for n in range(20))


@pytest.fixture
def database(tmp_path, integration):
    # `integration`: the platform's configuration (and its patches) loaded
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        lexicon = Lexicon(Splitter(), CaseNormalizer())
        index = OkapiIndex(lexicon)
        connection.root()["index"] = index
        lexicon._v_nextid = SETUP_WIDS
        for docid in range(1, 30):  # common words: posting lists of their own
            index.index_doc(docid, f"{COMMON} {own_words(docid)}")
    yield db
    db.close()


def index_at_once(db, texts: dict) -> None:
    managers = [transaction.TransactionManager() for _text in texts]
    connections = [db.open(transaction_manager=manager) for manager in managers]
    try:
        for connection, (docid, text), wids in zip(
            connections, texts.items(), WRITERS_WIDS, strict=True
        ):
            index = connection.root()["index"]
            index._lexicon._v_nextid = wids
            index.index_doc(docid, text)
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def search(db, word) -> set:
    with db.transaction() as connection:
        index = connection.root()["index"]
        return set(index.search(word).keys())


def test_new_documents_with_common_words_commit_together(database):
    index_at_once(database, {101: f"{COMMON} 2026/pu/101", 202: f"{COMMON} 2026/pu/102"})
    assert {101, 202} <= search(database, "habitation")
    assert search(database, "101") == {101}


def test_a_word_leaving_documents_still_commits_together(database):
    index_at_once(database, {5: own_words(5), 6: own_words(6)})
    assert not {5, 6} & search(database, "dupont")
    assert {7, 8} <= search(database, "dupont")


def test_new_words_of_two_documents_in_one_bucket_commit_together(database):
    # Both writers' new words land in one bucket of `_wordinfo`, next to
    # words of one document (which older code kept as dicts: unmergeable).
    with database.transaction() as connection:
        wordinfo = connection.root()["index"]._wordinfo
        first_bucket = wordinfo._firstbucket
        assert len(first_bucket) < 40  # room: no split, whose merge ZODB refuses
    managers = [transaction.TransactionManager() for _n in range(2)]
    connections = [database.open(transaction_manager=manager) for manager in managers]
    try:
        for connection, docid, wids in zip(connections, (101, 202), (0x5000, 0x5008), strict=True):
            index = connection.root()["index"]
            index._lexicon._v_nextid = wids
            index.index_doc(docid, f"{COMMON} new{docid}a new{docid}b")
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()
    assert search(database, "new101a") == {101}
    assert search(database, "new202b") == {202}


def test_two_documents_sharing_a_rare_word_commit_together(database):
    # "w5x1" is in one document: a posting list of at most 10 documents
    index_at_once(database, {101: f"{COMMON} w5x1", 202: f"{COMMON} w5x1"})
    assert search(database, "w5x1") == {5, 101, 202}


def scores(db, words) -> dict:
    with db.transaction() as connection:
        index = connection.root()["index"]
        return {word: dict(index.search(word).items()) for word in words}


def as_older_code_left_it(db) -> None:
    """Posting lists of at most 10 documents as dicts."""
    with db.transaction() as connection:
        wordinfo = connection.root()["index"]._wordinfo
        for wid, doc2score in list(wordinfo.items()):
            if len(doc2score) <= 10:
                wordinfo[wid] = dict(doc2score)


def test_dict_postings_of_older_indexes_answer_the_same_and_are_converted(database):
    words = ("habitation", "w5x1", "dossier", "2026")
    before = scores(database, words)
    as_older_code_left_it(database)
    assert scores(database, words) == before
    with database.transaction() as connection:
        index = connection.root()["index"]
        assert textindex.convert_postings(index) > 0
        assert not any(isinstance(d, dict) for d in index._wordinfo.values())
        assert textindex.convert_postings(index) == 0
    assert scores(database, words) == before
    index_at_once(database, {101: f"{COMMON} w6x1", 202: f"{COMMON} w6x1"})
    assert search(database, "w6x1") == {6, 101, 202}


def test_a_dict_posting_becomes_a_tree_when_its_word_is_written(database):
    as_older_code_left_it(database)
    with database.transaction() as connection:
        index = connection.root()["index"]
        index.index_doc(303, "w5x1 w6x1")
        index.unindex_doc(7)
        wordinfo, wids = index._wordinfo, index._lexicon.termToWordIds
        assert not isinstance(wordinfo[wids("w5x1")[0]], dict)
        assert isinstance(wordinfo[wids("w8x1")[0]], dict)  # untouched
    assert search(database, "w5x1") == {5, 303}
    assert search(database, "w7x1") == set()
