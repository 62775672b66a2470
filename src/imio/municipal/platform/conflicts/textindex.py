"""The full-text index (ZCTextIndex) without a write every document shares.

For each word of a document, ZCTextIndex stores the word's posting list
back into the bucket of `_wordinfo` that holds it, "for persistency". That
is needed while the list is a plain dict (a word in at most 10 documents),
not once it is an IIBTree, which records its own changes. The useless
store rewrites the bucket of the most common words (allocated together,
so sitting together) on every indexing: two case files created or
received at the same time then always conflict on it. Here a persistent
posting list is not stored again; two documents add to it as two keys
of one IIBTree, which ZODB merges.

Same code as Products.ZCTextIndex.BaseIndex otherwise.
"""

from BTrees.IIBTree import IIBTree
from persistent import Persistent


def _store(wordinfo, wid, doc2score):
    if not isinstance(doc2score, Persistent) or wordinfo.get(wid) is not doc2score:
        wordinfo[wid] = doc2score


def add_wordinfo(self, wid, f, docid):
    doc2score = self._wordinfo.get(wid)
    if doc2score is None:
        doc2score = {}
        self.length.change(1)
    elif isinstance(doc2score, dict) and len(doc2score) == self.DICT_CUTOFF:
        doc2score = IIBTree(doc2score)
    doc2score[docid] = f
    _store(self._wordinfo, wid, doc2score)


def mass_add_wordinfo(self, wid2weight, docid):
    get_doc2score = self._wordinfo.get
    new_word_count = 0
    for wid, weight in wid2weight.items():
        doc2score = get_doc2score(wid)
        if doc2score is None:
            doc2score = {}
            new_word_count += 1
        elif isinstance(doc2score, dict) and len(doc2score) == self.DICT_CUTOFF:
            doc2score = IIBTree(doc2score)
        doc2score[docid] = weight
        _store(self._wordinfo, wid, doc2score)
    self.length.change(new_word_count)


def del_wordinfo(self, wid, docid):
    doc2score = self._wordinfo[wid]
    del doc2score[docid]
    if doc2score:
        _store(self._wordinfo, wid, doc2score)
    else:
        del self._wordinfo[wid]
        self.length.change(-1)
