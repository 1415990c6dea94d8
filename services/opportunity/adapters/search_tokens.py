"""Text search without text indexes: a normalised token array, indexed, matched with ``$all``.

Words are casefolded (NFKC first, so full-width letters match); Latin words also store their
prefixes of two or more characters so "acm" finds "Acme"; runs of CJK characters are stored as
bigrams and single characters (the usual way to search Chinese without a dictionary) and a
search of two or more characters is matched by its bigrams. 臺 and 台 are one character to a
reader: a text is indexed written both ways, so a search finds it however it is typed (and
documents indexed before keep matching a search typed as they were written).
"""

from __future__ import annotations

from services.opportunity.domain.search_keys import MAX_PREFIX, is_cjk, words


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(*texts: str) -> list[str]:
    """Tokens stored on a document."""
    tokens: set[str] = set()
    for text in {
        t for written in texts for t in (written, written.replace("臺", "台"), written.replace("台", "臺"))
    }:
        for piece in words(text):
            if is_cjk(piece):
                tokens.update(_bigrams(piece))
                tokens.update(piece)  # single characters too, so a one-character search works
            else:
                word = piece[:MAX_PREFIX]
                tokens.update(word[:n] for n in range(min(2, len(word)), len(word) + 1))
    return sorted(tokens)


def query_tokens(text: str) -> list[str]:
    """Tokens a search must all match; empty when the text has nothing searchable."""
    tokens: list[str] = []
    for piece in words(text):
        if is_cjk(piece):
            tokens.extend(_bigrams(piece))
        else:
            tokens.append(piece[:MAX_PREFIX])
    return list(dict.fromkeys(tokens))
