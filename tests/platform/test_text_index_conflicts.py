"""Two case files indexed at the same time share common words: their
commits must merge, not conflict on the bucket holding those words."""

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
