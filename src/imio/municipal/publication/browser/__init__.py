"""Public pages, feeds, previews and proofs of publication."""
