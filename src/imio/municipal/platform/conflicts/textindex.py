"""The full-text index (ZCTextIndex) without a write every document shares.

ZCTextIndex keeps a word's posting list (document -> score) in the
`_wordinfo` bucket holding the word: a plain dict while the word is in at
most 10 documents, an IIBTree of its own beyond. Two things there make two
documents indexed at the same time conflict:

- the posting list is stored back into its bucket "for persistency" even
  when it is an IIBTree, which records its own changes: the bucket of the
  most common words is rewritten by every indexing. Here a persistent
  posting list is not stored again; two documents add to it as two keys of
  one IIBTree, which ZODB merges.
- ZODB cannot merge a bucket holding dicts at all (its merge compares
  values, and dicts do not compare): two documents whose new or rare words
  sit in one bucket conflict. Here every posting list is an IIBTree, the
  bucket only holds references, which compare. A dict left by older code is
  still read, and becomes an IIBTree when its word is next written
  (`upgrades/v1011_contention.py` converts them all at once).

Same code as Products.ZCTextIndex.BaseIndex otherwise: same scores, same
results.
"""

from BTrees.IIBTree import IIBTree
from persistent import Persistent


def _posting(doc2score):
    """A posting list that merges: an older dict becomes an IIBTree."""
    if doc2score is None:
        return IIBTree()
    if isinstance(doc2score, dict):
        return IIBTree(doc2score)
    return doc2score


def _store(wordinfo, wid, doc2score):
    if not isinstance(doc2score, Persistent) or wordinfo.get(wid) is not doc2score:
        wordinfo[wid] = doc2score


def add_wordinfo(self, wid, f, docid):
    doc2score = self._wordinfo.get(wid)
    if doc2score is None:
        self.length.change(1)
    doc2score = _posting(doc2score)
    doc2score[docid] = f
    _store(self._wordinfo, wid, doc2score)


def mass_add_wordinfo(self, wid2weight, docid):
    get_doc2score = self._wordinfo.get
    new_word_count = 0
    for wid, weight in wid2weight.items():
        doc2score = get_doc2score(wid)
        if doc2score is None:
            new_word_count += 1
        doc2score = _posting(doc2score)
        doc2score[docid] = weight
        _store(self._wordinfo, wid, doc2score)
    self.length.change(new_word_count)


def del_wordinfo(self, wid, docid):
    doc2score = self._wordinfo[wid]
    del doc2score[docid]
    if doc2score:
        _store(self._wordinfo, wid, _posting(doc2score))
    else:
        del self._wordinfo[wid]
        self.length.change(-1)


def convert_postings(index) -> int:
    """Turn the dict posting lists of one ZCTextIndex's index (an
    OkapiIndex or CosineIndex) into IIBTrees; how many were converted."""
    wordinfo = index._wordinfo
    wids = [wid for wid, doc2score in wordinfo.items() if isinstance(doc2score, dict)]
    for wid in wids:
        wordinfo[wid] = IIBTree(wordinfo[wid])
    return len(wids)
