"""Published documents to text the grammars read: the readers stage.

Takes the bytes of a file as an agency publishes it; gives a ``source.Source``: the report's text,
one line per paragraph and one tab-separated line per table row (the layout a browser copy of the
document has), where each line came from (table, row; paragraph), and what reading it found
(damaged bytes). ``sniff`` tells the kind from the bytes themselves; ``html`` and ``docx`` read
those documents with lxml and python-docx (the ``html`` and ``docx`` extras); text goes through
``text.decoding``.
"""
